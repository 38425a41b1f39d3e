using System.Globalization;
using System.Text.RegularExpressions;
using Corpus.Core.Recipes;
using Corpus.Dedup;
using Corpus.Dedup.MinHash;
using Corpus.Tests.Support;

namespace Corpus.Tests.Recipes;

/// <summary>
/// The recipe's keys come from one options record per step: each name, default, range and source written once, the
/// loader and the CLI flags checked against the same range, and the README's key table made from them.
/// </summary>
public sealed partial class RecipeKeysTests
{
    private const string Valid = MinimalRecipe.Text;

    public static TheoryData<string> RangedKeys() => [.. RecipeKeys.All.Where(k => k.RangeCell.Length > 0).Select(k => k.Name)];

    public static TheoryData<string> ScalarKeys() => [.. RecipeKeys.All.Where(k => k.Allowed.StartsWith('a') && k.Allowed is not ("a list" or "a mapping") || k.Allowed == "true or false").Select(k => k.Name)];

    [Fact]
    public void Each_step_record_has_its_defaults()
    {
        var dedup = new DedupSettings();
        Assert.Equal((true, true, 5, 14, 8, true, 5, 2, 64), (dedup.Exact, dedup.Near, dedup.ShingleWords, dedup.Bands, dedup.Rows, dedup.RepeatedLines, dedup.RepeatedLineMinDocs, dedup.Tasks, dedup.SpillMb));
        var a = AnnotationSettings.Default;
        Assert.Equal((0.5, 4.0, 3.0, 0.2, 2.0, (string?)null), (a.MinLanguageConfidence, a.DeclaredLanguageFactor, a.DomainLanguageFactor, a.MixedLanguageShare, a.TopicMinEvidence, a.TopicModel));
        Assert.Equal("balanced", new ExtractionSettings().Focus);
        var o = new OutputSettings();
        Assert.Equal(("releases", "train", "zstd", 100, 500), (o.Dir, o.Split, o.Compression, o.RowGroupMb, o.ShardMb));
        var q = new QualitySettings();
        Assert.Equal((50, 0.5, 0.3, 0.1, false, 30.0), (q.MinWords, q.MaxLinkDensity, q.GopherRepetition.MaxDupLineFraction, q.Fineweb.MaxDupLineCharRatio, q.C4.TerminalPunctuation, q.Fineweb.ShortLineLength));
        // The table's defaults are the records' own.
        Assert.Equal(14, RecipeKeys.Find("dedup.bands")!.Default);
        Assert.Equal(0.3, RecipeKeys.Find("quality.gopher_repetition.max_dup_line_fraction")!.Default);
        Assert.Equal("dedup", RecipeKeys.Find("dedup.bands")!.Step);
        Assert.Equal("annotate.topic", RecipeKeys.Find("annotation.topic_min_evidence")!.Step);
        Assert.Equal("quality.gopher_repetition", RecipeKeys.Find("quality.gopher_repetition.max_dup_line_fraction")!.Step);
    }

    [Fact]
    public void The_dedup_stage_options_take_their_defaults_from_the_dedup_record()
    {
        var bound = DedupOptions.From(new DedupSettings());
        var plain = new DedupOptions();
        Assert.Equal((bound.Exact, bound.Near, bound.RepeatedLines, bound.RepeatedLineMinDocs, bound.Tasks, bound.SpillMb),
            (plain.Exact, plain.Near, plain.RepeatedLines, plain.RepeatedLineMinDocs, plain.Tasks, plain.SpillMb));
        Assert.Equal(bound.MinHashParameters, plain.MinHashParameters);
        Assert.Equal(bound.MinHashParameters, MinHashParameters.Default);
    }

    [Theory]
    [MemberData(nameof(RangedKeys))]
    public void A_value_out_of_range_names_the_key_the_file_its_line_and_what_is_allowed(string name)
    {
        var key = RecipeKeys.Find(name)!;
        var (yaml, line) = Yaml(name, OutOfRange(key));
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + "\n" + yaml, "corpus.yaml"));
        Assert.StartsWith($"corpus.yaml line {line}: '{name}' is ", e.Message);
        Assert.EndsWith($"allows {key.Allowed}.", e.Message);
        Assert.Single(SentenceEnds().Matches(e.Message));
    }

    [Theory]
    [MemberData(nameof(ScalarKeys))]
    public void A_value_of_the_wrong_type_names_the_key_the_file_its_line_and_what_is_allowed(string name)
    {
        var key = RecipeKeys.Find(name)!;
        var (yaml, line) = Yaml(name, "lots");
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + "\n" + yaml, "corpus.yaml"));
        Assert.Equal($"corpus.yaml line {line}: '{name}' is 'lots', but it allows {key.Allowed}.", e.Message);
    }

    [Theory]
    [MemberData(nameof(ScalarKeys))]
    public void Every_key_binds_from_its_yaml_section_to_its_record(string name)
    {
        var key = RecipeKeys.Find(name)!;
        var value = InRangeOtherThanDefault(key);
        var (yaml, _) = Yaml(name, RecipeKey.Format(value));
        var recipe = RecipeLoader.Parse(Valid + "\n" + yaml, "corpus.yaml");
        Assert.Equal(value, key.ValueIn(recipe));
        Assert.NotEqual(key.Default, value);
    }

    [Fact]
    public void No_key_is_defined_twice()
    {
        // One property per key name across every record...
        var names = RecipeKeys.All.Select(k => k.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.True(names.Count > 100, $"{names.Count} keys");
        // ...and no second spelling of a key anywhere in the code or its data files (a defaults table, a validator's list,
        // a stage's lookup): code names a key through its record (RecipeKeys.For<T>(nameof(T.Property))).
        // Step names (quality.min_words is a key and its rule's step) are not keys; data files are also searched for a
        // key without its section (gopher_quality.min_words), as a defaults table would write it.
        var steps = RecipeKeys.All.Select(k => k.Step).ToHashSet(StringComparer.Ordinal);
        var full = RecipeKeys.All.Select(k => k.Name).Where(n => n.Contains('.') && !steps.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var unqualified = RecipeKeys.All.Select(k => k.Name[(k.Name.IndexOf('.') + 1)..]).Where(n => n.Contains('.')).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var ext = Path.GetExtension(file);
            if (ext is not (".cs" or ".tsv" or ".txt" or ".json")) continue;
            var text = File.ReadAllText(file);
            var literals = ext == ".cs" ? Quoted().Matches(text).Select(m => m.Groups[1].Value) : text.Split('\n').Select(l => l.Split('\t')[0].Trim());
            found.AddRange(literals.Where(l => full.Contains(l) || (ext != ".cs" && unqualified.Contains(l))).Select(l => $"{Path.GetRelativePath(RepoPaths.Root, file)}: {l}"));
        }
        Assert.True(found.Count == 0, "keys spelled outside their record: " + string.Join("; ", found));
    }

    [Fact]
    public void The_readme_lists_every_key_as_the_records_define_it()
    {
        const string begin = "<!-- recipe-keys: made by RecipeKeys.MarkdownTable; CORPUS_UPDATE_README=1 and this test rewrite it -->\n", end = "<!-- /recipe-keys -->";
        var path = Path.Combine(RepoPaths.Root, "README.md");
        var readme = File.ReadAllText(path);
        var from = readme.IndexOf(begin, StringComparison.Ordinal);
        var to = readme.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "README.md has no recipe-keys table");
        var table = RecipeKeys.MarkdownTable();
        if (Environment.GetEnvironmentVariable("CORPUS_UPDATE_README") == "1")
            File.WriteAllText(path, readme[..(from + begin.Length)] + table + readme[to..]);
        else
            Assert.Equal(table, readme[(from + begin.Length)..to]);
    }

    [Fact]
    public async Task A_cli_flag_is_checked_against_the_range_of_the_key_it_sets()
    {
        using var dir = new TempDir();
        var input = dir.File("in.jsonl");
        await File.WriteAllTextAsync(input, "{\"id\":\"a\",\"text\":\"one two three\"}\n");
        var result = await CliRunner.RunAsync("dedup", "--in", input, "--out", dir.File("out.jsonl"), "--tasks", "0");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--tasks is 0, but 'dedup.tasks' allows a whole number from 1 to 256.", result.Error);
    }

    [Fact]
    public async Task A_recipe_value_out_of_range_exits_1_with_one_sentence()
    {
        using var dir = new TempDir();
        var recipe = dir.File("corpus.yaml");
        await File.WriteAllTextAsync(recipe, Valid + "\ndedup:\n  shingle_words: 0\n");
        var input = dir.File("in.jsonl");
        await File.WriteAllTextAsync(input, "{\"id\":\"a\",\"text\":\"one two three\"}\n");
        var result = await CliRunner.RunAsync("dedup", "--in", input, "--recipe", recipe);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{recipe} line 6: 'dedup.shingle_words' is 0, but it allows a whole number from 1 to 32.", result.Error);
    }

    /// <summary>The key as nested YAML under its sections, and the line its value is on (after the four-line minimal recipe).</summary>
    private static (string Yaml, int Line) Yaml(string name, string value)
    {
        var parts = name.Split('.');
        var lines = parts.Select((p, i) => new string(' ', 2 * i) + p + ":" + (i == parts.Length - 1 ? " " + value : "")).ToList();
        // The minimal recipe already has a sources: section; a key of it goes beside its sitemaps.
        if (parts[0] == "sources")
            return (string.Join("\n", lines.Skip(1)) + "\n", 4 + parts.Length - 1);
        return (string.Join("\n", lines) + "\n", 4 + parts.Length);
    }

    private static string OutOfRange(RecipeKey key)
    {
        if (key.Allowed.Contains(" or ", StringComparison.Ordinal)) return "bogus";
        var cell = key.RangeCell;
        var low = double.Parse(cell[1..cell.IndexOf(',')], CultureInfo.InvariantCulture);
        return RecipeKey.Format(cell[0] == '(' ? low : low - 1);
    }

    private static object? InRangeOtherThanDefault(RecipeKey key)
    {
        var type = Nullable.GetUnderlyingType(key.Property.PropertyType) ?? key.Property.PropertyType;
        if (type == typeof(bool)) return !(bool)key.Default!;
        if (type == typeof(string))
            return key.Allowed.Contains(" or ", StringComparison.Ordinal)
                ? key.Allowed.Replace(" or ", ", ", StringComparison.Ordinal).Split(", ").First(v => v != (string?)key.Default)
                : "other";
        var d = Convert.ToDouble(key.Default ?? 0, CultureInfo.InvariantCulture);
        var candidates = new[] { d + 1, d / 2, d - 1 };
        var v = candidates.First(c => c != d && (type == typeof(double) || c == Math.Floor(c)) && key.Allows(type == typeof(int) ? (int)c : c));
        return type == typeof(int) ? (object)(int)v : v;
    }

    [GeneratedRegex("\"([a-z0-9_]+(?:\\.[a-z0-9_]+)+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\.(\s|$)")]
    private static partial Regex SentenceEnds();
}
