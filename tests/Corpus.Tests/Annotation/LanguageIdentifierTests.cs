using Corpus.Annotation.Language;

namespace Corpus.Tests.Annotation;

public sealed class LanguageIdentifierTests
{
    private static readonly LanguageIdentifier Identifier = new(["id", "ms", "en"]);

    private const string Indonesian = "Kementerian Pertahanan menandatangani kontrak pembelian dua kapal selam untuk memperkuat alutsista TNI Angkatan Laut. Menteri pertahanan menyebut kapal itu akan dirakit sebagian di dalam negeri.";
    private const string Malay = "Polis menahan dua lelaki yang disyaki terlibat dalam kes samun di sebuah kedai serbaneka. Ketua Polis Daerah berkata kedua-dua suspek direman selama tujuh hari bagi membantu siasatan kerana mereka dipercayai mempunyai kaitan dengan beberapa kes lain.";
    private const string English = "The central bank kept interest rates on hold for the third month in a row, saying inflation was falling but still above target. Economists expect the first cut early next year.";

    [Fact]
    public void Whole_articles_get_their_language_and_a_score()
    {
        var id = Identifier.Identify(Indonesian + "\n" + Indonesian.Replace("kapal selam", "pesawat"), "id", "https://kabar.example.co.id/x");
        Assert.Equal("id", id.Code);
        Assert.InRange(id.Score, 0.5, 1.0);
        Assert.Equal("ms", Identifier.Identify(Malay).Code);
        Assert.Equal("en", Identifier.Identify(English).Code);
    }

    [Fact]
    public void Page_evidence_moves_confidence_inside_the_pair()
    {
        // A short text both languages could have written: the .id domain and the declared language push it towards
        // Indonesian, the .my domain towards Malay.
        const string shared = "Harga minyak sawit naik pada minggu ini.";
        var alone = Identifier.Identify(shared);
        var asIndonesian = Identifier.Identify(shared, "id", "https://kabar.example.co.id/x");
        var asMalay = Identifier.Identify(shared, "ms", "https://berita.example.com.my/x");
        Assert.Equal("id", asIndonesian.Code);
        // Malay evidence turns the text, or at least makes the Indonesian call less sure.
        Assert.True(asMalay.Code == "ms" || (alone.Code == "id" && asMalay.Score < alone.Score), $"{asMalay} vs {alone}");
        if (alone.Code == "id") Assert.True(asIndonesian.Score > alone.Score);
    }

    [Fact]
    public void The_discriminator_settles_an_indonesian_text_lingua_leans_malay_on()
    {
        var linguaAlone = new LanguageIdentifier(["id", "ms", "en"]) { UseDiscriminator = false };
        var result = Identifier.Identify(Indonesian);
        Assert.Equal("id", result.Code);
        Assert.Equal("id", result.TextCode);
        Assert.NotEqual("en", linguaAlone.Identify(Indonesian).Code);
    }

    [Fact]
    public void Page_evidence_does_not_cross_language_groups()
    {
        // A template's lang="id" on an English article must not make it Indonesian.
        var result = Identifier.Identify(English, "id", "https://example.co.id/en/story");
        Assert.Equal("en", result.Code);
    }

    [Fact]
    public void Evidence_does_not_overturn_a_clearly_malay_article_on_an_indonesian_domain()
    {
        var text = string.Join("\n", Enumerable.Repeat(Malay, 4));
        Assert.Equal("ms", Identifier.Identify(text, null, "https://portal.example.co.id/x").Code);
    }

    [Fact]
    public void Empty_text_and_low_confidence_are_undetermined()
    {
        Assert.Equal("und", Identifier.Identify("").Code);
        var strict = new LanguageIdentifier(["id", "ms", "en"]) { MinConfidence = 0.999999 };
        Assert.Equal("und", strict.Identify("Ok ya.").Code);
    }

    [Fact]
    public void A_document_with_a_long_english_part_is_flagged_mixed()
    {
        var mixed = Indonesian + "\n" + English + "\n" + English.Replace("central bank", "treasury");
        Assert.True(Identifier.Identify(mixed, "id").Mixed);
        Assert.False(Identifier.Identify(Indonesian + "\n" + Indonesian, "id").Mixed);
    }

    [Fact]
    public void A_short_quote_in_another_language_stays_under_the_mixed_share()
    {
        var text = string.Join("\n", Enumerable.Repeat(Indonesian, 5).Append(English));
        Assert.False(Identifier.Identify(text, "id").Mixed);
        var strict = new LanguageIdentifier(["id", "ms", "en"]) { MixedShare = 0.1 };
        Assert.True(strict.Identify(text, "id").Mixed);
    }

    [Fact]
    public void Short_paragraphs_that_together_lean_one_way_are_decided_without_lingua()
    {
        // Each sentence has 18-25 letter trigrams, under the 30 the screen needs to decide a piece alone; summed over
        // the sample they lead clearly, so the sample margin keeps them from Lingua, with the same answer.
        var text = string.Join("\n",
            "Harga beras di pasar naik lagi pada hari ini.",
            "Dia bilang jalan itu akan dibuka lagi pekan ini.",
            "Warga di desa itu masih menunggu air bersih.",
            "Polisi sudah tiba di lokasi pada pagi hari.",
            "Petani berharap hujan turun pada bulan ini.",
            "Bantuan itu akan dibagikan kepada warga besok.");
        var withSum = new LanguageIdentifier(["id", "ms", "en", "tl"]);
        var without = new LanguageIdentifier(["id", "ms", "en", "tl"]) { UseSampleMargin = false };
        var a = withSum.Identify(text);
        var b = without.Identify(text);
        Assert.Equal("id", a.Code);
        Assert.Equal("id", b.Code);
        Assert.Equal(0, withSum.PieceCounts.Lingua);
        Assert.Equal(6, withSum.PieceCounts.Agreeing);
        Assert.Equal(6, without.PieceCounts.Lingua);
    }

    // Words of random letters, as a generated page or a table of codes has them: no language's model explains them.
    private static string InventedWords(int seed, int words)
    {
        const string letters = "aeioubdgkmnprstlhjy";
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => new string(Enumerable.Range(0, random.Next(2, 10)).Select(_ => letters[random.Next(letters.Length)]).ToArray()))) + ".";
    }

    [Fact]
    public void A_document_of_invented_words_is_undetermined_without_asking_lingua()
    {
        var text = string.Join("\n", Enumerable.Range(0, 4).Select(i => InventedWords(i, 30)));
        var identifier = new LanguageIdentifier([]);
        var result = identifier.Identify(text);
        Assert.Equal("und", result.Code);
        Assert.Equal("und", result.DetectorCode);
        Assert.Equal(0, identifier.PieceCounts.Lingua);
        Assert.Equal(4, identifier.UnplacedPieces);
        Assert.Equal(0, identifier.PieceCounts.Screen);
        // Without the check the screen or Lingua places the pieces in some language.
        var placing = new LanguageIdentifier([]) { ExplainedShare = 0 };
        placing.Identify(text);
        Assert.Equal(0, placing.UnplacedPieces);
    }

    [Fact]
    public void A_real_paragraph_among_invented_words_still_decides()
    {
        var text = string.Join("\n", InventedWords(1, 30), English, InventedWords(2, 30), InventedWords(3, 30));
        var identifier = new LanguageIdentifier([]);
        var result = identifier.Identify(text);
        Assert.Equal("en", result.Code);
        Assert.False(result.Mixed);
        Assert.Equal(0, identifier.PieceCounts.Lingua);
        Assert.Equal(3, identifier.UnplacedPieces);
        Assert.Equal("id", identifier.Identify(string.Join("\n", InventedWords(4, 30), Indonesian, InventedWords(5, 30)), "id").Code);
    }

    [Fact]
    public void A_paragraph_of_invented_words_is_left_out_after_its_first_stretch()
    {
        var text = string.Join("\n", English, InventedWords(6, 40), InventedWords(7, 40), InventedWords(8, 40));
        var stopping = new LanguageIdentifier([]);
        var reading = new LanguageIdentifier([]) { StopOnNoise = false };
        var stopped = stopping.Identify(text);
        var read = reading.Identify(text);
        Assert.Equal("en", stopped.Code);
        Assert.Equal(read, stopped);
        Assert.Equal(3, stopping.UnplacedPieces);
        Assert.Equal(3, reading.UnplacedPieces);
        Assert.True(stopping.TrigramsRead < reading.TrigramsRead, $"{stopping.TrigramsRead} trigrams read, {reading.TrigramsRead} without stopping");
    }

    [Fact]
    public void Real_text_with_foreign_names_is_not_taken_for_invented_words()
    {
        // Vietnamese and Polish score the lowest of the evaluation's Latin-script languages on the screen; a sentence
        // full of English names still has most of its trigrams likely in its own language.
        var identifier = new LanguageIdentifier([]);
        Assert.Equal("vi", identifier.Identify("Tướng James Ewing sẽ đưa 700 lính qua sông ở Bến phà Trenton, chiếm giữ cây cầu qua Con lạch Assunpink và chặn quân địch.").Code);
        Assert.Equal("pl", identifier.Identify("Generał James Ewing przeprawi się z 700 żołnierzami milicji przez rzekę przy Trenton Ferry, zajmie most nad Assunpink Creek i powstrzyma wrogie oddziały.").Code);
        Assert.Equal(0, identifier.UnplacedPieces);
    }

    [Fact]
    public void Short_headings_of_a_long_article_are_left_out_and_a_lone_heading_still_goes_to_lingua()
    {
        // A byline and headings the screen cannot place alone (names, few trigrams) between paragraphs it places.
        var text = string.Join("\n",
            "Posted by Andrew Hayden, Software Engineer on Google Play",
            "The city council voted on Tuesday to build a new bridge over the river, ending a debate that had lasted for more than ten years. Supporters said the bridge would cut travel times for thousands of workers every day.",
            "Techniques used in File-by-File patching",
            "Opponents argued that the money would be better spent on repairing the roads and schools the city already has, and they warned that the cost of the project could rise well above the estimate.",
            "Original Size of the Hayden Patch (MB)",
            "The mayor said that construction should begin in the spring and that the first cars could cross the bridge within three years, if the weather and the budget allow it.",
            "Posted by Maria Gonzalez, Product Manager at Google");
        var identifier = new LanguageIdentifier([]);
        var asking = new LanguageIdentifier([]) { MinDecidedChars = int.MaxValue, LeaveOutMinority = false };
        var result = identifier.Identify(text);
        var asked = asking.Identify(text);
        Assert.Equal("en", result.Code);
        Assert.Equal("en", asked.Code);
        Assert.Equal(0, identifier.PieceCounts.Lingua);
        Assert.True(identifier.UnplacedPieces >= 1, $"{identifier.UnplacedPieces} pieces left out");
        Assert.True(asking.PieceCounts.Lingua >= 1, $"{asking.PieceCounts.Lingua} pieces sent to Lingua without the rule");
        // A heading on its own is the whole text: Lingua decides it.
        var lone = new LanguageIdentifier([]);
        lone.Identify("Posted by Andrew Hayden, Software Engineer on Google Play");
        Assert.Equal(1, lone.PieceCounts.Lingua);
    }

    // Three paragraphs the screen places in English, and lines it cannot place: code and formulas.
    private const string Bridge = "The city council voted on Tuesday to build a new bridge over the river, ending a debate that had lasted for more than ten years. Supporters said the bridge would cut travel times for thousands of workers every day.";
    private const string Roads = "Opponents argued that the money would be better spent on repairing the roads and schools the city already has, and they warned that the cost of the project could rise well above the estimate.";
    private const string Spring = "The mayor said that construction should begin in the spring and that the first cars could cross the bridge within three years, if the weather and the budget allow it.";
    private const string Code = "var copy = new Request(req); console.log(copy.method); // \"GET\" console.log(copy.url); // \"http://example.com/index.html\"";
    private const string Formula = "x ˙ = σ ( y − x ) y ˙ = ρ x − y − x z z ˙ = − β z + x y";
    private const string Sum = "( ∑ k = 1 n a k b k ) 2 ≤ ( ∑ k = 1 n a k 2 ) ( ∑ k = 1 n b k 2 )";
    private const string Roots = "If a ≠ 0 , there are two roots of a x 2 + b x + c = 0 and they are x = − b ± b 2 − 4 a c 2 a .";
    private const string Series = "1 + q 2 ( 1 − q ) + q 6 ( 1 − q ) ( 1 − q 2 ) + ⋯ = ∏ j = 0 ∞ 1 ( 1 − q 5 j + 2 ) ( 1 − q 5 j + 3 ) , for | q | < 1 .";
    private const string Coins = "k heads when flipping n coins is: P ( E ) = ( n k ) p k ( 1 − p ) n − k";

    [Fact]
    public void A_long_piece_the_screen_cannot_place_is_left_out_when_it_could_not_change_the_language_or_the_mixed_flag()
    {
        // A line of code is a small share of an English text: whatever Lingua made of it, the text would be English and
        // not mixed, so Lingua is not asked (and loads no models).
        var text = string.Join("\n", Bridge, Roads, Code, Spring);
        var identifier = new LanguageIdentifier([]);
        var asking = new LanguageIdentifier([]) { LeaveOutMinority = false };
        var result = identifier.Identify(text);
        var asked = asking.Identify(text);
        Assert.Equal("en", result.Code);
        Assert.False(result.Mixed);
        Assert.Equal(asked.Code, result.Code);
        Assert.Equal(asked.Mixed, result.Mixed);
        Assert.Equal(0, identifier.PieceCounts.Lingua);
        Assert.Equal(1, identifier.UnplacedPieces);
        Assert.Equal(1, asking.PieceCounts.Lingua);
        // A text of two languages is not settled by either: the line still goes to Lingua, and the text stays mixed.
        var twoLanguages = new LanguageIdentifier(["id", "ms", "en"]);
        var mixed = twoLanguages.Identify(string.Join("\n", Indonesian, Bridge, Code, Roads), "id");
        Assert.True(mixed.Mixed);
        Assert.Equal(0, twoLanguages.UnplacedPieces);
    }

    [Fact]
    public void Single_letters_between_signs_beside_a_placed_piece_are_left_out()
    {
        // Together the formulas are over the mixed share, so only their having no trigram keeps them from Lingua.
        var text = string.Join("\n", Bridge, Formula, Sum);
        var identifier = new LanguageIdentifier([]);
        var asking = new LanguageIdentifier([]) { LeaveOutSignPieces = false };
        var result = identifier.Identify(text);
        var asked = asking.Identify(text);
        Assert.Equal(0, identifier.PieceCounts.Lingua);
        Assert.Equal(2, identifier.UnplacedPieces);
        Assert.Equal("en", result.Code);
        Assert.True(result.Score > 0.99, $"{result}");
        // Asked, Lingua spreads the formulas over dozens of languages, which only lowers the text's score.
        Assert.Equal(2, asking.PieceCounts.Lingua);
        Assert.True(asked.Score < result.Score, $"{asked} against {result}");
        // A formula alone is the whole text: Lingua still reads it.
        var lone = new LanguageIdentifier([]);
        lone.Identify(Formula);
        Assert.Equal(1, lone.PieceCounts.Lingua);
    }

    [Fact]
    public void In_a_text_settled_in_one_group_lingua_reads_an_unplaced_short_piece_in_its_low_accuracy_mode()
    {
        // One English paragraph placed, and lines of formulas with words between (the screen cannot place them, and they
        // are over the mixed share): a page of formulas.
        var text = string.Join("\n", Bridge, Coins, Roots, Series);
        var identifier = new LanguageIdentifier([]);
        var full = new LanguageIdentifier([]) { LowAccuracyOnceSettled = false };
        var result = identifier.Identify(text);
        Assert.Equal("en", result.Code);
        Assert.Equal(3, identifier.PieceCounts.Lingua);
        Assert.Equal(3, identifier.LowAccuracyPieces);
        Assert.Equal(result.Code, full.Identify(text).Code);
        Assert.Equal(3, full.PieceCounts.Lingua);
        Assert.Equal(0, full.LowAccuracyPieces);
        // A short text with nothing placed keeps the full mode.
        var alone = new LanguageIdentifier([]);
        alone.Identify("Posted by Andrew Hayden, Software Engineer on Google Play");
        Assert.Equal(0, alone.LowAccuracyPieces);
    }
}
