using System.Text;
using Corpus.Text.Promos;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Extraction.Content;
using Corpus.Extraction.Evaluation;

namespace Corpus.Tests.Extraction;

/// <summary>The fallback cascade, split bodies, the focus setting and the metadata scores, on tiny real inputs.</summary>
public sealed class FallbackCascadeTests
{
    private static readonly string[] Body =
    [
        "The city council voted on Tuesday to fund a new bridge over the river, ending a debate that lasted three years.",
        "Supporters said the bridge would cut travel times for thousands of commuters, while critics questioned the cost.",
        "Construction is expected to begin next spring, and the mayor said the first lanes could open within two years.",
        "The council will publish the full contract, including the budget for maintenance, before the end of the month.",
    ];

    private static ExtractedArticle Extract(ExtractionRules rules, string html) =>
        new ArticleExtractor(rules, new PromoBlockClassifier(PromoRules.Default)).Analyze(new FetchedPage
        {
            Url = "http://news.test/2024/03/05/bridge.html", Status = 200, ContentType = "text/html; charset=utf-8",
            Body = Encoding.UTF8.GetBytes(html), FetchedAt = DateTimeOffset.UnixEpoch,
        });

    private static MainContent Lines(params string[] lines) => new(lines, 0, [], []);

    [Fact]
    public void Body_sections_split_deep_by_ad_slots_all_come_out()
    {
        string Section(string extra, string p) => $"<div class=\"bodyText {extra}\"><div class=\"component\"><div class=\"inner\"><p>{p}</p><p>{p}</p></div></div></div>";
        var html = "<html><body><nav><a href=\"/\">Home</a></nav><article>"
                   + Section("first", Body[0]) + "<div class=\"advert\">ADVERTISEMENT</div>" + Section("", Body[1])
                   + "<div class=\"advert\">ADVERTISEMENT</div>" + Section("", Body[2]) + "</article></body></html>";
        var text = Extract(ExtractionRules.Default, html).Document.Text;
        Assert.All(Body.Take(3), p => Assert.Contains(p, text));
        Assert.DoesNotContain("ADVERTISEMENT", text);
    }

    [Fact]
    public void An_empty_main_candidate_loses_to_any_alternative_and_a_short_one_to_a_much_longer_one()
    {
        var cascade = new FallbackCascade(ExtractionRules.Default);
        var baseline = Lines(Body);
        Assert.Same(baseline, cascade.Choose(Lines(), [("baseline", baseline)]));
        var shortMain = Lines(Body[0]);
        Assert.True(cascade.Suspects(shortMain, new PageEvidence(2000, 10)));
        Assert.Same(baseline, cascade.Choose(shortMain, [("baseline", baseline)]));
        // Not enough gain: the main stays.
        Assert.Same(shortMain, cascade.Choose(shortMain, [("runner_up", Lines(Body[1]))]));
        // A link list is never the article, however long.
        var links = new MainContent(Body, 0.9, [], []);
        Assert.Same(shortMain, cascade.Choose(shortMain, [("runner_up", links)]));
    }

    [Fact]
    public void A_long_main_holding_the_page_is_not_suspect()
    {
        var cascade = new FallbackCascade(ExtractionRules.Default);
        var main = Lines([.. Body, .. Body]);
        var chars = 2 * Body.Sum(p => p.Length);
        Assert.False(cascade.Suspects(main, new PageEvidence(chars, 2 * Body.Length)));
        Assert.True(cascade.Suspects(main, new PageEvidence(10 * chars, 80)));
    }

    [Fact]
    public void Balanced_and_recall_focus_take_the_lead_above_the_body_box()
    {
        const string lead = "A HIGH-powered team has been doing the rounds of newsrooms in the past few days to allay concerns about the bill.";
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var html = $"<html><body><div class=\"story\"><div class=\"intro\"><p><strong>{lead}</strong></p></div><div id=\"more\"><div id=\"more-link\"><a href=\"/x\">Read more</a></div><div id=\"more-content\">{paragraphs}</div></div></div></body></html>";
        Assert.Equal(1, ExtractionRules.Default.Setting("outer_prose_levels"));
        var recall = ExtractionRules.Default.WithFocus(ExtractionFocus.Recall);
        Assert.Equal(ExtractionFocus.Recall, recall.Focus);
        Assert.Equal(2, recall.Setting("outer_prose_levels"));
        foreach (var rules in new[] { ExtractionRules.Default, recall })
        {
            Assert.StartsWith(lead, Extract(rules, html).Document.Text);
            Assert.All(Body, p => Assert.Contains(p, Extract(rules, html).Document.Text));
        }
    }

    [Fact]
    public void Focus_rows_must_move_a_known_setting_and_focus_names_are_checked()
    {
        Assert.Throws<FormatException>(() => ExtractionRules.Parse(new StringReader("setting\tfallback_gain\t2\nrecall\tno_such_setting\t1\n")));
        var rules = ExtractionRules.Parse(new StringReader("setting\tfallback_gain\t2\nprecision\tfallback_gain\t3\n"));
        Assert.Equal(2, rules.Setting("fallback_gain"));
        Assert.Equal(3, rules.WithFocus(ExtractionFocus.Precision).Setting("fallback_gain"));
        Assert.Equal(2, rules.WithFocus(ExtractionFocus.Recall).Setting("fallback_gain"));
        Assert.Equal(ExtractionFocus.Precision, ExtractionRules.ParseFocus("Precision"));
        Assert.Equal(ExtractionFocus.Balanced, ExtractionRules.ParseFocus(null));
        Assert.Throws<FormatException>(() => ExtractionRules.ParseFocus("everything"));
    }

    [Fact]
    public void Title_comes_from_the_page_title_before_a_banner_h1_and_the_byline_from_the_page()
    {
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var html = $"<html><head><title>Council funds the new river bridge | News Test</title></head><body><h1>News Test</h1><article><div class=\"byline\">By Jane Doe</div>{paragraphs}</article></body></html>";
        var meta = Extract(ExtractionRules.Default, html).Metadata;
        Assert.Equal("Council funds the new river bridge", meta.Title);
        Assert.Equal("By Jane Doe", meta.Author);
    }

    [Fact]
    public void Metadata_scores_normalise_case_and_punctuation_and_give_partial_credit_by_tokens()
    {
        var score = MetadataScore.Score([("Jane Doe", "jane  DOE,"), ("By Jane Doe", "Jane Doe"), ("Jane Doe", null)]);
        Assert.Equal(3, score.Pages);
        Assert.Equal(1 / 3.0, score.Exact, 6);
        Assert.Equal((1 + 0.8 + 0) / 3, score.TokenF1, 6);
    }
}
