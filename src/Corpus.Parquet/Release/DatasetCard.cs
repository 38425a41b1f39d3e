using System.Buffers;
using System.Globalization;
using System.Text;
using Corpus.Core.Recipes;
using Corpus.Parquet.Schema;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Corpus.Parquet.Release;

/// <summary>
/// The release's <c>README.md</c> in the Hugging Face dataset-card shape: YAML front matter (configs, dataset_info
/// with features and splits, language, license, size and task categories), then how the data was built with every
/// setting in force, the fields, statistics with charts (<c>assets/*.svg</c>), and known limitations.
/// </summary>
public static class DatasetCard
{
    /// <summary>The charts the card embeds, as (file in the release, title).</summary>
    public static readonly IReadOnlyList<(string Path, string Title)> Charts =
    [
        ("assets/languages.svg", "Documents by language"),
        ("assets/topics.svg", "Documents by topic"),
        ("assets/lengths.svg", "Document length (words)"),
        ("assets/exclusions.svg", "Documents set aside, by reason"),
    ];

    /// <summary>The chart files' contents, keyed by path.</summary>
    public static IReadOnlyDictionary<string, string> RenderCharts(ReleaseManifest manifest)
    {
        static List<(string, long)> Bars(IEnumerable<KeyValuePair<string, long>> counts) =>
            counts.Select(kv => (kv.Key, kv.Value)).ToList();
        var c = manifest.Counts;
        return new Dictionary<string, string>
        {
            [Charts[0].Path] = SvgBarChart.Render(Charts[0].Title, Bars(c.Language.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))),
            [Charts[1].Path] = SvgBarChart.Render(Charts[1].Title, Bars(c.Topic.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new KeyValuePair<string, long>(TopicName(manifest, kv.Key), kv.Value)))),
            [Charts[2].Path] = SvgBarChart.Render(Charts[2].Title, Bars(c.WordCount)),
            [Charts[3].Path] = SvgBarChart.Render(Charts[3].Title, Bars(SetAside(manifest))),
        };
    }

    /// <summary>A topic's label when the rows gave one (<c>politics</c>), else its code.</summary>
    public static string TopicName(ReleaseManifest manifest, string code) =>
        manifest.Counts.TopicLabel?.GetValueOrDefault(code) is { Length: > 0 } label ? label : code;

    private static IEnumerable<KeyValuePair<string, long>> SetAside(ReleaseManifest manifest)
    {
        var b = manifest.Build;
        foreach (var (rule, n) in b.ExcludedByRule) yield return new(rule, n);
        if (b.Duplicates > 0) yield return new("duplicate", b.Duplicates);
        if (b.Failed > 0) yield return new("failed", b.Failed);
    }

    public static string Render(Recipe recipe, ReleaseManifest manifest, TableSchema table)
    {
        var inv = CultureInfo.InvariantCulture;
        var split = recipe.Output.Split;
        var data = manifest.Files.Where(f => f.Table == table.Name).ToList();
        var rows = data.Sum(f => f.Rows);
        var bytes = data.Sum(f => f.Bytes);
        // The Hub's num_bytes and dataset_size are the Arrow (in-memory) size; download_size is the files'.
        var arrowBytes = data.Sum(f => f.ArrowBytes);
        var sb = new StringBuilder();
        sb.AppendLine("---");
        sb.AppendLine(inv, $"pretty_name: {Quote(recipe.Name)}");
        sb.AppendLine(inv, $"license: {Quote(recipe.License.Length == 0 ? "other" : recipe.License.ToLowerInvariant())}");
        if (recipe.Languages.Count > 0)
        {
            sb.AppendLine("language:");
            foreach (var l in recipe.Languages) sb.AppendLine(inv, $"- {l}");
        }
        sb.AppendLine("source_datasets:\n- original");
        sb.AppendLine("task_categories:\n- text-generation\n- text-classification");
        sb.AppendLine(inv, $"size_categories:\n- {SizeCategory(rows)}");
        sb.AppendLine("tags:\n- news\n- corpus");
        sb.AppendLine("configs:\n- config_name: default\n  data_files:");
        sb.AppendLine(inv, $"  - split: {split}\n    path: data/{split}-*.parquet");
        sb.AppendLine("dataset_info:\n  config_name: default\n  features:");
        foreach (var c in table.Columns)
            sb.AppendLine(inv, $"  - name: {c.Name}\n    dtype: {Quote(HfType(c.Type))}");
        sb.AppendLine(inv, $"  splits:\n  - name: {split}\n    num_bytes: {arrowBytes}\n    num_examples: {rows}");
        sb.AppendLine(inv, $"  download_size: {bytes}");
        sb.AppendLine(inv, $"  dataset_size: {arrowBytes}");
        sb.AppendLine("---");
        sb.AppendLine();

        sb.AppendLine(inv, $"# {recipe.Name} {manifest.Version}");
        sb.AppendLine();
        if (!string.IsNullOrWhiteSpace(recipe.Description)) sb.AppendLine(recipe.Description.Trim()).AppendLine();
        sb.AppendLine(string.Create(inv, $"{rows} news articles in {data.Count} Parquet shard(s), built by Corpus {manifest.ToolVersion} from the recipe `corpus.yaml` (sha256 `{manifest.RecipeSha256}`), schema `{table.Name}/v{manifest.SchemaVersions.GetValueOrDefault(table.Name)}`. Every file's size and sha256 are in `manifest.json`; `corpus verify` checks them.") + (manifest.Predecessor is { } p ? $" Changes since {p} are in `CHANGELOG.md`." : ""));
        sb.AppendLine();
        sb.AppendLine("## Loading\n\n```python\nimport pandas as pd\ndf = pd.read_parquet(\"data/\")\n\nfrom datasets import load_dataset\n" +
            $"ds = load_dataset(\"parquet\", data_files={{\"{split}\": \"data/{split}-*.parquet\"}})\n```\n");
        sb.AppendLine(inv, $"```sql\nSELECT language, count(*) FROM 'data/*.parquet' GROUP BY 1;  -- DuckDB\n```\n");

        sb.AppendLine("## How it was built\n");
        sb.AppendLine("Pages were fetched (sitemaps, feeds, seeds or WARC files), the article text and metadata extracted, in-body promos removed, " +
            $"the text normalised, quality rules applied, the language detected, and {DedupSummary(recipe.Dedup)}. No document is dropped silently: " +
            "every one set aside is in `excluded/` with its status and the rule and value, the duplicate it repeats, or the error.\n");
        sb.AppendLine("Every setting in force for this build (the recipe, with defaults filled in):\n\n| setting | value |\n|---|---|");
        foreach (var (key, value) in Settings(recipe)) sb.AppendLine(inv, $"| `{key}` | {Cell(value)} |");
        sb.AppendLine();
        var inputs = manifest.Inputs;
        sb.AppendLine(string.Create(inv, $"Inputs: {inputs.Pages} pages (crawl summary sha256 `{inputs.CrawlSummarySha256}`)") +
            (inputs.WarcFiles.Count > 0 ? string.Create(inv, $", {inputs.WarcFiles.Count} WARC file(s) listed with their sha256 in `manifest.json`.") : "."));
        sb.AppendLine();

        var b = manifest.Build;
        sb.AppendLine("## Statistics\n");
        sb.AppendLine("| input | kept | excluded | duplicates | failed |\n|---:|---:|---:|---:|---:|");
        sb.AppendLine(inv, $"| {b.Input} | {b.Kept} | {b.Excluded} | {b.Duplicates} | {b.Failed} |");
        sb.AppendLine();
        Table(sb, "Languages", "language", manifest.Counts.Language, Charts[0]);
        Table(sb, "Topics", "topic", manifest.Counts.Topic.ToDictionary(kv => TopicName(manifest, kv.Key) == kv.Key ? kv.Key : $"{TopicName(manifest, kv.Key)} ({kv.Key})", kv => kv.Value), Charts[1]);
        Table(sb, "Document lengths", "words", manifest.Counts.WordCount, Charts[2]);
        Table(sb, "Exclusion reasons", "reason", SetAside(manifest).ToDictionary(), Charts[3]);
        Table(sb, "Domains", "domain", manifest.Counts.Domain, null);

        sb.AppendLine("## Fields\n\n| field | type | description |\n|---|---|---|");
        foreach (var c in table.Columns)
            sb.AppendLine(inv, $"| `{c.Name}` | {HfType(c.Type)}{(c.Nullable ? " (nullable)" : "")} | {Cell(c.Description)} |");
        sb.AppendLine();

        sb.AppendLine("## Known limitations\n");
        sb.AppendLine("- News text carries the biases, errors and point of view of its publishers; nothing here corrects them.");
        sb.AppendLine("- Language detection chooses only among the recipe's `languages`; text in another language is labelled with the closest of them.");
        if (manifest.Counts.Topic.Keys.All(k => k == "(none)")) sb.AppendLine("- Topics were not annotated in this build (`topic` is null).");
        if (inputs.WarcFiles.Count == 0) sb.AppendLine("- The pages were crawled live, not read from WARC files: `fetched_at` is the crawl time, so a rebuild from a new crawl differs in that column.");
        sb.AppendLine(DedupLimitation(recipe.Dedup));
        sb.AppendLine("- Article extraction is heuristic: some page chrome may remain in `text` and some paragraphs may be missing.");
        return sb.ToString();
    }

    /// <summary>What deduplication did in this build, from the settings in force.</summary>
    public static string DedupSummary(DedupSettings d)
    {
        var steps = new List<string>();
        if (d.Exact) steps.Add("exact duplicates (same normalised text or canonical URL) removed");
        if (d.Near) steps.Add(string.Create(CultureInfo.InvariantCulture, $"near duplicates removed by MinHash LSH over {d.ShingleWords}-word shingles ({d.Bands} bands × {d.Rows} rows)"));
        if (d.RepeatedLines) steps.Add(string.Create(CultureInfo.InvariantCulture, $"lines repeated in {d.RepeatedLineMinDocs} or more documents of one site removed"));
        return steps.Count == 0 ? "no deduplication (switched off for this build)" : string.Join(", ", steps);
    }

    private static string DedupLimitation(DedupSettings d) => (d.Exact, d.Near) switch
    {
        (_, true) => "- Near-duplicate detection is probabilistic (MinHash LSH): a few pairs just above or below the similarity threshold may be missed or caught; every duplicate set aside names the document it repeats (`excluded/`, `duplicate_of`).",
        (true, false) => "- Near-duplicate detection was switched off for this build: only exact duplicates were removed, and near duplicates may remain.",
        _ => "- Deduplication was switched off for this build: duplicates may remain.",
    };

    private static void Table(StringBuilder sb, string title, string key, IReadOnlyDictionary<string, long> counts, (string Path, string Title)? chart)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"### {title}\n");
        if (chart is { } c) sb.AppendLine(CultureInfo.InvariantCulture, $"![{c.Title}]({c.Path})\n");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {key} | documents |\n|---|---:|");
        foreach (var (k, n) in counts) sb.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(k)} | {n} |");
        sb.AppendLine();
    }

    /// <summary>
    /// Every recipe setting except identity and sources, flattened to dotted keys, defaults included: quality
    /// thresholds at their published default (<see cref="RecipeKeys"/>) are marked "(default)". Read from the key
    /// table, in its order (the records' declaration order); each value written as YAML writes it (a mapping as one row
    /// per entry, a list in brackets), without building a YAML serializer in every build.
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> Settings(Recipe recipe)
    {
        var result = new List<(string, string)>();
        foreach (var key in RecipeKeys.All)
        {
            var dot = key.Name.IndexOf('.');
            if ((dot < 0 ? key.Name : key.Name[..dot]) is "name" or "version" or "license" or "description" or "sources") continue;
            switch (key.ValueIn(recipe))
            {
                case IReadOnlyDictionary<string, string> map:
                    foreach (var (k, v) in map) result.Add(($"{key.Name}.{YamlText(k)}", YamlText(v)));
                    break;
                case IReadOnlyList<string> list:
                    result.Add((key.Name, "[" + string.Join(", ", list.Select(YamlText)) + "]"));
                    break;
                case var scalar:
                    var value = YamlScalar(scalar);
                    // A quality threshold at its published default is marked as such.
                    if (key.Source is not null && key.Name.StartsWith("quality.", StringComparison.Ordinal) && value == RecipeKey.Format(key.Default))
                        value = $"{value} (default)";
                    result.Add((key.Name, value));
                    break;
            }
        }
        return result;
    }

    // A scalar setting as YAML writes it: null as empty, numbers in the invariant culture's shortest round-trip form.
    private static string YamlScalar(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d when double.IsPositiveInfinity(d) => ".inf",
        double d when double.IsNegativeInfinity(d) => "-.inf",
        double d when double.IsNaN(d) => ".nan",
        string text => YamlText(text),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // YAML reads its line breaks (\r\n, \r, NEL, LS, PS) back as it likes; a text holding a control or break character
    // (only a double-quoted escape in the recipe can give one) is sent through YamlDotNet once to be shown as before.
    private static string YamlText(string text)
    {
        if (!text.AsSpan().ContainsAny(YamlBreaks)) return text;
        var yaml = new SerializerBuilder().Build().Serialize(text);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode.ToString();
    }

    private static readonly SearchValues<char> YamlBreaks = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\v\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\u0085\u2028\u2029\uFEFF");

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");

    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    /// <summary>The Hugging Face <c>datasets</c> Value dtype for a column type.</summary>
    public static string HfType(ColumnType t) => t switch
    {
        ColumnType.String => "string",
        ColumnType.Int32 => "int32",
        ColumnType.Int64 => "int64",
        ColumnType.Double => "float64",
        ColumnType.Boolean => "bool",
        ColumnType.Timestamp => "timestamp[us, tz=UTC]",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    // The Hub's size_categories buckets.
    private static string SizeCategory(long n) => n switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        < 10_000_000 => "1M<n<10M",
        < 100_000_000 => "10M<n<100M",
        _ => "100M<n<1B",
    };
}
