using Corpus.Cleaning.Quality;
using Corpus.Cleaning.Quality.C4;
using Corpus.Cleaning.Quality.FineWeb;
using Corpus.Cleaning.Quality.Gopher;
using Corpus.Cleaning.Quality.GopherRepetition;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;
using Corpus.Tests.Support;

namespace Corpus.Tests.Cleaning;

public sealed class QualityRulesTests
{
    private static string Seed => string.Join('\n', File.ReadAllLines(RepoPaths.SeedArticle).Where(l => l.Trim().Length > 0 && !l.StartsWith("Baca Juga", StringComparison.Ordinal)));

    private const string English =
        "The council approved plans for a new footbridge over the river after two years of consultation.\n" +
        "Engineers expect the foundations to be finished before the winter floods arrive, and the deck to follow in spring.\n" +
        "Residents have had to walk an extra three miles to reach the nearest pharmacy since the old bridge closed.\n" +
        "Funding comes from a regional transport grant and a loan that the council took out last year.\n" +
        "Several shop owners said their takings had fallen by almost half since the road works began.\n" +
        "Police added officers at the main junction to ease congestion during the morning rush.";

    private static Document Doc(string text, string? language) =>
        new() { Id = "1", Url = "u", SourceUrl = "u", Domain = "d", FetchedAt = DateTimeOffset.UnixEpoch, Text = text, Language = language };


    private static Document Run(string text, string? language, QualitySettings? settings = null)
    {
        var doc = Doc(text, language);
        foreach (var stage in QualityStages.Create(settings ?? new QualitySettings(), language is null ? [] : [language]))
        {
            doc = stage.Process(doc);
            if (!doc.IsKept) break;
        }
        return doc;
    }

    [Fact]
    public void Real_articles_pass_every_rule()
    {
        var seed = Run(Seed, "id");
        Assert.True(seed.IsKept, $"{seed.ExclusionRule}={seed.ExclusionValue}");
        var english = Run(English, "en");
        Assert.True(english.IsKept, $"{english.ExclusionRule}={english.ExclusionValue}");
        Assert.Empty(QualityStages.TripsEach(QualityStages.Create(new QualitySettings(), ["id"]), Seed, "id"));
    }

    [Theory]
    [MemberData(nameof(Trips))]
    public void Each_rule_trips_on_what_it_is_for_and_reports_the_value(IQualityRule rule, string text, string? language, string value)
    {
        Assert.Equal(value, rule.Check(new TextView(text, language)));
        Assert.Null(rule.Check(new TextView(Seed, "id")));
    }

    private static string Words(string word, int n, string sep = " ") => string.Join(sep, Enumerable.Repeat(word, n));

    public static TheoryData<IQualityRule, string, string?, string> Trips => new()
    {
        { new GopherWordCountRule(50, 100_000), "Satu dua tiga.", "id", "3" },
        { new GopherMeanWordLengthRule(3, 10), Words("ab c", 40), "id", "1.5" },
        { new GopherSymbolRatioRule(0.1), Words("#berita hari ini", 20), "id", "0.333" },
        { new GopherBulletLinesRule(0.9), Words("• Harga beras turun di pasar", 10, "\n"), "id", "1" },
        { new GopherEllipsisLinesRule(0.3), Words("Harga beras turun di pasar…", 10, "\n"), "id", "1" },
        { new GopherAlphaWordsRule(0.8), Words("12 345 678 90 tahun", 20), "id", "0.2" },
        { new GopherStopWordsRule(StopWords.Default, 2), Words("Quick brown foxes jump over lazy dogs.", 10), "en", "0" },
        { new DuplicateSegmentsRule("gopher_rep.dup_line_fraction", false, false, 0.3), Words("Harga beras turun.", 4, "\n") + "\nLain.", "id", "0.6" },
        { new DuplicateSegmentsRule("gopher_rep.dup_paragraph_fraction", true, false, 0.3), Words("Harga beras turun.", 4, "\n\n"), "id", "0.75" },
        { new TopNgramRule(2, 0.2), Words("klik sini", 30), "id", "0.903" },
        { new DuplicateNgramRule(5, 0.15), Words("satu dua tiga empat lima", 10), "id", "0.867" },
        { new C4LoremIpsumRule(), "Lorem ipsum dolor sit amet.", "en", "lorem ipsum" },
        { new C4CurlyBracketRule(), "var x = { a: 1 };", "en", "2" },
        { new C4MinSentencesRule(5), "One sentence. Two sentences! Three?", "en", "3" },
        { new LinePunctuationRule(0.12), Words("Harga beras turun hari ini", 10, "\n"), "id", "0" },
        { new ShortLinesRule(0.67, 30), Words("Harga beras.", 10, "\n"), "id", "1" },
        { new DuplicateLineCharsRule(0.1), "Harga beras turun.\nHarga beras turun.\nPetani senang dengan hasil panen tahun ini.", "id", "0.228" },
    };

    [Fact]
    public void An_excluded_document_carries_the_rule_and_the_value()
    {
        // 26 one-letter and 34 two-letter words, none repeated: only the mean word length is wrong, 94 / 60.
        var words = Enumerable.Range(0, 26).Select(i => ((char)('a' + i)).ToString())
            .Concat(Enumerable.Range(0, 34).Select(i => $"{(char)('b' + i / 26)}{(char)('a' + i % 26)}"));
        var doc = Run(string.Join(' ', words) + ".", "id");
        Assert.Equal(Disposition.Excluded, doc.Disposition);
        Assert.Equal("gopher.mean_word_length", doc.ExclusionRule);
        Assert.Equal("1.567", doc.ExclusionValue);
    }

    [Fact]
    public void Recipe_thresholds_override_the_defaults_and_families_can_be_switched_off()
    {
        var strict = new QualitySettings { GopherQuality = new() { MinMeanWordLength = 9 } };
        var doc = Run(Seed, "id", strict);
        Assert.Equal("gopher.mean_word_length", doc.ExclusionRule);

        strict = strict with { GopherQuality = strict.GopherQuality with { Enabled = false } };
        Assert.True(Run(Seed, "id", strict).IsKept);
        var none = new QualitySettings { GopherQuality = new() { Enabled = false }, GopherRepetition = new() { Enabled = false }, C4 = new() { Enabled = false }, Fineweb = new() { Enabled = false } };
        Assert.Empty(QualityStages.Create(none, ["id"]));
    }

    [Fact]
    public void C4_line_pass_drops_javascript_policy_and_short_lines_and_keeps_the_rest()
    {
        var filter = QualityStages.C4Lines(new C4Settings());
        var text = "Please enable JavaScript to view this page properly.\nThis site uses cookies to improve your experience.\nShare\n" + English;
        Assert.Equal(English, filter.Filter(text));
        Assert.All(C4LineFilter.Phrases, p => Assert.False(filter.Keep($"Read our {p} before you continue reading this page.")));
        var terminal = QualityStages.C4Lines(new C4Settings { TerminalPunctuation = true });
        Assert.False(terminal.Keep("A line without a full stop at its end"));
        Assert.True(QualityStages.C4Lines(new C4Settings()).Keep("A line without a full stop at its end"));
    }

    [Fact]
    public void Every_recipe_language_needs_a_stop_word_list()
    {
        var e = Assert.Throws<CorpusUserException>(() => QualityStages.Create(new QualitySettings(), ["id", "xx"]));
        Assert.Contains("'xx'", e.Message);
        Assert.Contains("quality.gopher_quality", e.Message);
    }

    [Fact]
    public void Every_stop_word_list_lets_its_own_language_pass()
    {
        foreach (var language in StopWords.Default.Languages)
        {
            var list = StopWords.Default.For(language)!;
            Assert.True(list.Count >= 8, language);
            var text = string.Join(' ', list.Take(3));
            Assert.Null(new GopherStopWordsRule(StopWords.Default, 2).Check(new TextView(text, language)));
        }
        Assert.True(StopWords.Default.Languages.Count() >= 40);
    }

    [Fact]
    public void Every_threshold_default_names_its_source()
    {
        var thresholds = RecipeKeys.All.Where(k => k.Step.StartsWith("quality.", StringComparison.Ordinal) && k.Step != "quality.min_words" && !k.Name.EndsWith(".enabled", StringComparison.Ordinal)).ToList();
        Assert.Equal(33, thresholds.Count);
        Assert.All(thresholds.Where(k => k.Step != "clean.pii"), k => Assert.True(k.Source is { Length: > 20 }, k.Name));
        Assert.Equal(5, QualityStages.Create(new QualitySettings(), ["en"]).Count);
        Assert.Equal(0.1, new FineWebSettings().MaxDupLineCharRatio);
        Assert.False(new C4Settings().TerminalPunctuation);
    }

    [Theory]
    [InlineData("don't stop at 3.5 percent", "don't|stop|at|3.5|percent")]
    [InlineData("北京是中国的首都", "北|京|是|中|国|的|首|都")]
    [InlineData("カタカナのテスト", "カタカナ|の|テスト")]
    [InlineData("नमस्ते दुनिया", "नमस्ते|दुनिया")]
    [InlineData("l'État, c'est-à-dire", "l'État|c'est|à|dire")]
    public void Words_split_on_unicode_word_boundaries(string text, string words) =>
        Assert.Equal(words.Split('|'), WordSplitter.Split(text));
}
