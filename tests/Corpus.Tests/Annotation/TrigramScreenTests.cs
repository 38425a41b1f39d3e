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
}
