using Corpus.Cleaning.Promos;
using Corpus.Tests.Support;

namespace Corpus.Tests.Cleaning;

public sealed class PromoLineRemoverTests
{
    private readonly PromoLineRemover _remover = new(PromoRules.Default);

    [Fact]
    public void Seed_article_as_plain_text_loses_exactly_its_four_promo_lines()
    {
        var text = File.ReadAllText(RepoPaths.SeedArticle).Replace("\r\n", "\n").Trim();
        var (cleaned, removed) = _remover.Remove(text);
        Assert.Equal(4, removed);
        var lines = cleaned.Split('\n');
        Assert.Equal(14, lines.Length);
        Assert.DoesNotContain(lines, l => l.StartsWith("Baca Juga", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Baca Juga : Harga Beras Turun")]
    [InlineData("BACA JUGA: Harga Beras Turun")]
    [InlineData("Baca juga - Harga Beras Turun")]
    [InlineData("Read also: Prices fall again")]
    [InlineData("ALSO READ: Prices fall again")]
    public void Short_lines_opening_with_a_lead_phrase_are_promos(string line) => Assert.True(_remover.IsPromo(line));

    [Theory]
    [InlineData("Baca juga buku ini, kata dia, karena isinya menjelaskan sejarah panjang hubungan kedua negara sejak masa kemerdekaan hingga hari ini dan bagaimana keduanya saling membutuhkan.")]
    [InlineData("Bacaan juga penting bagi anak-anak.")]
    [InlineData("Related parties met on Monday.")]
    public void Real_sentences_stay(string line) => Assert.False(_remover.IsPromo(line));

    [Fact]
    public void Every_lead_phrase_in_the_table_is_recognised()
    {
        Assert.NotEmpty(PromoRules.Default.LeadPhrases);
        foreach (var (_, phrase) in PromoRules.Default.LeadPhrases)
            Assert.True(_remover.IsPromo(phrase.ToUpperInvariant() + ": Some Other Headline"), phrase);
    }
}
