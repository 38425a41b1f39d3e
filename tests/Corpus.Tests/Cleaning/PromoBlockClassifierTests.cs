using Corpus.Cleaning.Promos;
using Corpus.Text.Promos;

namespace Corpus.Tests.Cleaning;

public sealed class PromoBlockClassifierTests
{
    private readonly PromoBlockClassifier _classifier = new(PromoRules.Default);

    private static PromoBlock Block(string text, double linkShare = 0, int links = 0, bool sameSite = false, string tag = "p", params string[] tokens) =>
        new() { Text = text, LinkTextShare = linkShare, LinkCount = links, LinksToSameSite = sameSite, Tag = tag, ClassTokens = tokens };

    [Fact]
    public void A_lead_phrase_followed_by_a_linked_headline_in_sentence_case_is_a_promo() =>
        Assert.Equal("promo.lead_phrase", _classifier.Match(Block("Lees ook de rijstprijs daalt voor de oogst", linkShare: 0.8, links: 1, sameSite: true)));

    [Fact]
    public void Every_box_token_marks_a_short_block_as_a_related_box()
    {
        foreach (var token in PromoRules.Default.BoxTokens)
        {
            Assert.Equal("promo.related_box", _classifier.Match(Block("Harga beras turun jelang panen raya", tag: "li", tokens: ["box", token + "-inner"])));
            Assert.Equal("promo.related_box", _classifier.Match(Block("Harga beras turun jelang panen raya", tag: "li", tokens: [token.Replace('-', '_')])));
        }
    }

    [Fact]
    public void A_box_token_inside_a_word_does_not_count() =>
        Assert.Null(_classifier.Match(Block("Harga beras turun jelang panen raya", tokens: ["unrelated", "article-body"])));

    [Fact]
    public void A_long_paragraph_inside_a_box_named_related_stays() =>
        Assert.Null(_classifier.Match(Block(string.Join(' ', Enumerable.Repeat("Warga menunggu keputusan pemerintah soal tarif.", 12)), tokens: ["related"])));

    [Fact]
    public void A_prose_paragraph_far_longer_than_any_phrase_rule_is_still_removed_when_it_is_leaked_ad_script() =>
        Assert.Equal("promo.ad_script", _classifier.Match(Block(
            string.Join(' ', Enumerable.Repeat("Warga menunggu keputusan pemerintah soal tarif.", 12)) + " (adsbygoogle = window.adsbygoogle || []).push({});")));

    // The phrase rules count words on the folded line; written with combining accents, a prompt of exactly the prefix
    // rule's word limit is still judged by it, and one word more is prose.
    [Fact]
    public void A_noise_prompt_is_judged_on_its_folded_words_up_to_the_limit_and_no_further()
    {
        var limit = PromoRules.Default.MaxNoiseWords;
        var tail = string.Join(' ', Enumerable.Repeat("cafe\u0301", limit - 4));
        Assert.Equal("promo.advertisement", _classifier.Match(Block("Story continues below advertisement " + tail)));
        Assert.Null(_classifier.Match(Block("Story continues below advertisement " + tail + " cafe\u0301")));
    }

    [Fact]
    public void A_short_block_that_is_all_same_site_link_is_a_teaser() =>
        Assert.Equal("promo.link_block", _classifier.Match(Block("Harga Beras Turun Jelang Panen Raya", linkShare: 1, links: 1, sameSite: true, tag: "li")));

    [Theory]
    [InlineData(false, 1.0, "Harga Beras Turun Jelang Panen Raya")]   // links elsewhere: a source, not a teaser
    [InlineData(true, 0.4, "Harga Beras Turun Jelang Panen Raya")]    // mostly text
    [InlineData(true, 1.0, "The full statement is published on the ministry's website.")] // a sentence
    public void Links_that_are_not_teasers_stay(bool sameSite, double share, string text) =>
        Assert.Null(_classifier.Match(Block(text, linkShare: share, links: 1, sameSite: sameSite)));

    [Fact]
    public void A_heading_that_opens_with_a_lead_phrase_titles_a_teaser_list()
    {
        Assert.Equal("promo.lead_phrase", _classifier.Match(Block("Meer over economie", tag: "h3")));
        Assert.Null(_classifier.Match(Block("Meer over economie", tag: "p")));
        Assert.Null(_classifier.Match(Block("Hoe nu verder", tag: "h2")));
    }

    [Fact]
    public void Every_match_is_counted_by_rule()
    {
        var classifier = new PromoBlockClassifier(PromoRules.Default);
        classifier.Match(Block("ADVERTISEMENT"));
        classifier.Match(Block("ADVERTISEMENT"));
        classifier.Match(Block("Baca juga: Harga Beras Turun"));
        classifier.Match(Block("Warga menunggu keputusan pemerintah soal tarif."));
        Assert.Equal(2, classifier.RuleCounts["promo.advertisement"]);
        Assert.Equal(1, classifier.RuleCounts["promo.lead_phrase"]);
        Assert.Equal(2, classifier.RuleCounts.Count);
    }
}
