using System.Text.Json.Nodes;
using Corpus.Annotation.Language;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

/// <summary>The trigram first pass over Lingua's own models, alone and as the front of the language identifier.</summary>
public sealed class TrigramScreenTests
{
    private static IEnumerable<JsonObject> Lines(string name) =>
        File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Annotation", "Data", name)).Select(l => JsonNode.Parse(l)!.AsObject());

    [Theory]
    [InlineData("en", "The central bank kept interest rates on hold for the third month in a row, saying inflation was falling.")]
    [InlineData("fr", "La banque centrale a maintenu ses taux d'intérêt pour le troisième mois consécutif, estimant que l'inflation recule.")]
    [InlineData("de", "Die Zentralbank hat die Leitzinsen im dritten Monat in Folge unverändert gelassen, weil die Inflation sinkt.")]
    [InlineData("id", "Bank sentral mempertahankan suku bunga acuan selama tiga bulan berturut-turut karena inflasi mulai turun.")]
    [InlineData("ru", "Центральный банк третий месяц подряд сохранил процентную ставку, отметив замедление инфляции.")]
    public void Each_language_scores_best_on_its_own_text(string language, string text)
    {
        var screen = TrigramScreen.Default;
        var scores = new double[screen.Languages.Count];
        var trigrams = screen.Score(text, scores, out var known, out _);
        Assert.True(known > trigrams / 2, $"{known} of {trigrams} trigrams known");
        Assert.True(trigrams > 30, $"{trigrams} trigrams");
        var best = Enumerable.Range(0, scores.Length).MaxBy(i => scores[i]);
        Assert.Equal(language, Lingua.LanguageInfo.IsoCode6391(screen.Languages[best]).ToString().ToLowerInvariant());
    }

    [Fact]
    public void Text_without_a_trigram_of_letters_scores_nothing()
    {
        var scores = new double[TrigramScreen.Default.Languages.Count];
        Assert.Equal(0, TrigramScreen.Default.Score("12 34, ok! ya", scores, out _, out _));
        Assert.All(scores, s => Assert.Equal(0, s));
    }

    [Fact]
    public void With_the_screen_in_front_every_language_gets_the_answer_lingua_alone_gives()
    {
        // All languages as candidates; the screen decides clear sentences alone and hands close ones to Lingua among
        // its best few. On the vendored SIB-200 sentences (14 languages besides id, ms, en) the answers must match
        // Lingua's over every language at least as often as Lingua is right.
        var screened = new LanguageIdentifier([]) { UseDiscriminator = false };
        var lingua = new LanguageIdentifier([]) { UseDiscriminator = false, UseScreen = false };
        var rows = Lines("sib200-dev-sample.jsonl").Where(r => (string)r["language"]! is not ("id" or "ms")).ToList();
        int screenRight = 0, linguaRight = 0;
        foreach (var r in rows)
        {
            var gold = (string)r["language"]!;
            if (screened.Identify((string)r["text"]!).Code == gold) screenRight++;
            if (lingua.Identify((string)r["text"]!).Code == gold) linguaRight++;
        }
        Assert.True(screenRight >= linguaRight - 2, $"screened {screenRight}/{rows.Count}, Lingua alone {linguaRight}/{rows.Count}");
        Assert.True(screenRight >= 0.95 * rows.Count, $"screened {screenRight}/{rows.Count}");
    }

    [Fact]
    public void The_screen_alone_names_the_language_of_each_dev_article_group()
    {
        // Margin 0: the screen's answer always stands, so this measures the table itself, without Lingua behind it.
        var screenOnly = new LanguageIdentifier([]) { UseDiscriminator = false, ScreenMargin = 0, MinScreenTrigrams = 0 };
        var rows = Lines("annotate-dev.jsonl").Where(r => (string)r["language"]! == "en").ToList();
        var right = rows.Count(r => screenOnly.Identify((string)r["text"]!).Code == "en");
        Assert.True(right >= 0.98 * rows.Count, $"{right}/{rows.Count}");
        var pair = Lines("annotate-dev.jsonl").Where(r => (string)r["language"]! is "id" or "ms").ToList();
        var inPair = pair.Count(r => screenOnly.Identify((string)r["text"]!).Code is "id" or "ms");
        Assert.True(inPair >= 0.98 * pair.Count, $"{inPair}/{pair.Count}");
    }
    [Fact]
    public void A_table_read_back_from_its_cache_scores_exactly_as_the_one_built_from_linguas_files()
    {
        // A copy of three languages' model folders, so the cache is written where this test can see and remove it.
        using var dir = new TempDir();
        var models = Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels");
        foreach (var code in new[] { "id", "ms", "en" })
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, code));
            File.Copy(Path.Combine(models, code, "trigrams.json.br"), Path.Combine(dir.Path, code, "trigrams.json.br"));
        }
        Lingua.Language[] languages = [Lingua.Language.Malay, Lingua.Language.English, Lingua.Language.Indonesian];
        var built = TrigramScreen.Load(languages, dir.Path);
        var cache = Assert.Single(Directory.GetFiles(dir.Path, "screen-*.bin"));
        var read = TrigramScreen.Load(languages, dir.Path);
        Assert.Equal(["en", "id", "ms"], read.Languages.Select(l => Lingua.LanguageInfo.IsoCode6391(l).ToString().ToLowerInvariant()));
        foreach (var text in new[] { "Polis menahan dua suspek kerana disyaki terlibat.", "Polisi menangkap dua tersangka karena diduga terlibat.", "The police arrested two suspects." })
        {
            var a = new double[3];
            var b = new double[3];
            Assert.Equal(built.Score(text, a, out var knownA, out _), read.Score(text, b, out var knownB, out _));
            Assert.Equal(knownA, knownB);
            Assert.Equal(a, b);
        }
        // A damaged cache is rebuilt from the JSON, not trusted.
        File.WriteAllBytes(cache, [1, 2, 3]);
        var rebuilt = TrigramScreen.Load(languages, dir.Path);
        var c = new double[3];
        var d = new double[3];
        built.Score("Polis menahan dua suspek.", c, out _, out _);
        rebuilt.Score("Polis menahan dua suspek.", d, out _, out _);
        Assert.Equal(c, d);
        Assert.True(new FileInfo(cache).Length > 1000);
    }

    [Fact]
    public void A_recipe_with_three_languages_reads_only_their_tables()
    {
        var narrowed = TrigramScreen.For([Lingua.Language.Indonesian, Lingua.Language.Malay, Lingua.Language.English]);
        Assert.Equal(3, narrowed.Languages.Count);
        // Its scores for those languages are the full table's.
        const string text = "Bank sentral mempertahankan suku bunga acuan selama tiga bulan berturut-turut.";
        var full = new double[TrigramScreen.Default.Languages.Count];
        TrigramScreen.Default.Score(text, full, out _, out _);
        var few = new double[3];
        narrowed.Score(text, few, out _, out _);
        // Exactly: the full table adds a common trigram's gains as a dense row of every language, the narrowed one as
        // entries, and both sum the same whole units.
        for (var i = 0; i < 3; i++) Assert.Equal(full[TrigramScreen.Default.IndexOf(narrowed.Languages[i])], few[i]);
    }
}
