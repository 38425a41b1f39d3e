using Corpus.Extraction;

namespace Corpus.Tests.Extraction;

public sealed class ExtractionRulesTests
{
    [Fact]
    public void The_embedded_table_loads_with_every_kind_and_the_settings_the_code_reads()
    {
        var rules = ExtractionRules.Load();
        Assert.Contains("script", (IReadOnlySet<string>)rules.DroppedElements);
        Assert.Contains("nav", (IReadOnlySet<string>)rules.ChromeElements);
        Assert.Contains("p", (IReadOnlySet<string>)rules.BlockElements);
        Assert.True(rules.TokenWeights["article"] > 0);
        Assert.True(rules.TokenWeights["share"] < 0);
        Assert.True(rules.TagScores["div"] > 0);
        foreach (var name in new[] { "min_paragraph_chars", "chars_per_point", "max_length_points", "sibling_score_share", "sibling_min_score",
                     "sibling_paragraph_chars", "sibling_max_link_density", "protect_text_share", "drop_negative_weight", "prune_min_commas",
                     "prune_link_density", "prune_heavy_link_density", "prune_positive_weight", "prune_keep_paragraphs", "line_max_link_density",
                     "top_candidates", "alternative_candidate_ratio", "min_alternative_candidates", "work_budget_base", "work_budget_per_kb", "work_per_tag", "max_depth", "min_article_chars",
                     "fallback_min_chars", "fallback_min_paragraphs", "fallback_page_share", "fallback_runners_up", "fallback_gain",
                     "fallback_baseline_gain", "fallback_max_link_density", "baseline_min_chars", "baseline_max_link_density",
                     "outer_prose_levels", "outer_prose_share", "shown_address_lines", "related_heading_closes_box", "embedded_quote_share" })
            Assert.True(rules.Settings.ContainsKey(name), name);
        // Each focus loads and moves at least one threshold.
        Assert.NotEqual(rules.Setting("fallback_gain"), rules.WithFocus(ExtractionFocus.Precision).Setting("fallback_gain"));
        Assert.NotEqual(rules.Setting("outer_prose_levels"), rules.WithFocus(ExtractionFocus.Recall).Setting("outer_prose_levels"));
    }

    [Fact]
    public void A_malformed_line_is_rejected_with_its_line_number()
    {
        var e = Assert.Throws<FormatException>(() => ExtractionRules.Parse(new StringReader("# c\ndrop\tscript\npositive\tarticle\tmany\n")));
        Assert.Contains("line 3", e.Message);
        Assert.Throws<FormatException>(() => ExtractionRules.Parse(new StringReader("unknown\tx\t1\n")));
    }
}
