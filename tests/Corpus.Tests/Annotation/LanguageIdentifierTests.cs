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
}
