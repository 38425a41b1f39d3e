using Corpus.Cleaning.Promos;
using Corpus.Tests.Support;
using Corpus.Text.Promos;

namespace Corpus.Tests.Cleaning;

public sealed class PromoLineRemoverTests
{
    private readonly PromoLineRemover _remover = new(PromoRules.Default);
    private readonly PromoLineClassifier _classifier = new(PromoRules.Default);

    [Fact]
    public void Seed_article_as_plain_text_loses_exactly_its_four_promo_lines()
    {
        var text = File.ReadAllText(RepoPaths.SeedArticle).Replace("\r\n", "\n").Trim();
        var (cleaned, removed) = _remover.RemoveExplained(text);
        Assert.Equal(4, removed.Count);
        Assert.All(removed, r => Assert.Equal("promo.lead_phrase", r.Rule));
        var lines = cleaned.Split('\n');
        Assert.Equal(14, lines.Length);
        var expected = text.Split('\n').Where(l => !l.StartsWith("Baca Juga", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, lines);
    }

    [Theory]
    [InlineData("Baca Juga : Harga Beras Turun")]
    [InlineData("BACA JUGA: Harga Beras Turun")]
    [InlineData("Baca juga - Harga Beras Turun")]
    [InlineData("Baca  juga:Harga Beras Turun")]
    [InlineData("[Baca juga: Harga beras turun]")]
    [InlineData("Baca juga Harga Beras Turun Jelang Panen")]
    [InlineData("Read also: Prices fall again")]
    [InlineData("ALSO READ: Prices fall again")]
    [InlineData("READ MORE | Prices fall again")]
    [InlineData("Lire aussi | Le prix du riz recule avant la récolte")]
    [InlineData("LÄS OCKSÅ: Rispriset sjunker inför skörden")]
    [InlineData("Czytaj także: Cena ryżu spada przed żniwami")]
    [InlineData("İLGİLİ HABER: Pirinç fiyatı hasat öncesi düştü")]
    [InlineData("Читайте также: Цена риса снизилась перед уборкой")]
    [InlineData("Lire aussi Le prix du riz recule avant la récolte")]
    [InlineData("LÄS OCKSÅ Översvämning isolerar byar i norr")]
    public void Short_lines_opening_with_a_lead_phrase_are_promos(string line) =>
        Assert.Equal("promo.lead_phrase", _classifier.Match(line));

    [Theory]
    [InlineData("Baca juga buku ini, kata dia, karena isinya menjelaskan sejarah panjang hubungan kedua negara sejak masa kemerdekaan hingga hari ini dan bagaimana keduanya saling membutuhkan.")]
    [InlineData("Baca juga, kata guru itu, adalah kebiasaan yang harus dimulai dari rumah.")]
    [InlineData("Bacaan juga penting bagi anak-anak.")]
    [InlineData("Related parties met on Monday.")]
    [InlineData("Related costs rose again")]
    [InlineData("Lire aussi les conditions générales avant de signer")]
    [InlineData("Read more widely, the headmistress told parents, because children copy what adults do.")]
    [InlineData("Also read out at the meeting was a letter from residents.")]
    [InlineData("Mehr zum Thema Hochwasserschutz will die Verwaltung im Herbst vorstellen.")]
    [InlineData("Advertisement revenue at the local paper has fallen by a third.")]
    [InlineData("The site uses googletag to serve ads, the regulator found.")]
    [InlineData("Follow-up checks found that most pipes were still leaking.")]
    public void Real_sentences_stay(string line) => Assert.Null(_classifier.Match(line));

    [Fact]
    public void After_a_lone_label_only_one_headline_goes_unless_the_teasers_are_bulleted()
    {
        var list = "Mehr zum Thema:\nSchnellzug fährt in den Ferien öfter\nZwei neue Radwege am Ring\nDer Rat entscheidet im Mai.";
        Assert.Equal("Zwei neue Radwege am Ring\nDer Rat entscheidet im Mai.", _remover.RemoveExplained(list).Text);
        var bulleted = "Baca juga:\n- Harga Beras Turun\n- Banjir Rendam Rumah\nWarga mulai kembali ke rumah masing-masing.";
        Assert.Equal("Warga mulai kembali ke rumah masing-masing.", _remover.RemoveExplained(bulleted).Text);
    }

    [Fact]
    public void Every_lead_phrase_in_the_table_is_recognised_in_upper_case_with_a_colon()
    {
        Assert.True(PromoRules.Default.Phrases.Count >= 100);
        Assert.True(PromoRules.Default.Phrases.Select(p => p.Language).Distinct().Count() >= 12);
        foreach (var phrase in PromoRules.Default.Phrases)
        {
            Assert.Equal("promo.lead_phrase", _classifier.Match(phrase.Phrase.ToUpperInvariant() + ": Some Other Headline"));
            Assert.Null(_classifier.Match(phrase.Phrase + " " + string.Join(' ', Enumerable.Repeat("panjang", 30)) + "."));
        }
    }

    [Fact]
    public void Every_noise_phrase_is_recognised_and_a_long_line_that_opens_with_a_prefix_is_not()
    {
        Assert.Contains(PromoRules.Default.Noise, n => n.Rule == "promo.advertisement");
        Assert.Contains(PromoRules.Default.Noise, n => n.Rule == "promo.scroll_prompt");
        Assert.Contains(PromoRules.Default.Noise, n => n.Rule == "promo.follow_prompt");
        Assert.Contains(PromoRules.Default.Noise, n => n.Rule == "promo.newsletter");
        foreach (var noise in PromoRules.Default.Noise)
        {
            var rule = _classifier.Match(noise.Phrase.ToUpperInvariant());
            // A whole-line phrase may also open a lead phrase's line; what matters is that it goes, with a promo rule.
            Assert.NotNull(rule);
            Assert.StartsWith("promo.", rule);
            if (!noise.WholeLine)
                Assert.Null(_classifier.Match(noise.Phrase + " " + string.Join(' ', Enumerable.Repeat("panjang", 30)) + "."));
        }
    }

    [Theory]
    [InlineData("ADVERTISEMENT", "promo.advertisement")]
    [InlineData("Scroll to continue with content", "promo.scroll_prompt")]
    [InlineData("Gulir untuk melanjutkan", "promo.scroll_prompt")]
    [InlineData("Follow us on Google News for the latest updates.", "promo.follow_prompt")]
    [InlineData("Sign up for our newsletter to get the morning briefing.", "promo.newsletter")]
    [InlineData("googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });", "promo.ad_script")]
    public void In_body_noise_has_its_own_rule(string line, string rule) => Assert.Equal(rule, _classifier.Match(line));

    [Fact]
    public void Every_ad_script_marker_is_recognised_in_code_and_not_in_prose()
    {
        foreach (var marker in PromoRules.Default.AdScriptMarkers)
        {
            Assert.Equal("promo.ad_script", _classifier.Match($"window.x = {marker}.push({{}});"));
            if (marker.IndexOfAny(['(', ')', '{', '}', ';', '=']) >= 0) continue; // "gtag(" is code by itself
            Assert.Null(_classifier.Match($"The investigation named {marker} among the tools the site used to track readers across the web."));
        }
    }
}
