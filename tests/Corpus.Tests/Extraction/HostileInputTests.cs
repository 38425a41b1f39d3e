using System.Text;
using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Text.Promos;

namespace Corpus.Tests.Extraction;

/// <summary>
/// Pages built to hurt: every one ends as a document (kept, excluded or failed with a reason), none crashes or hangs.
/// Speed is never asserted; the extractor's per-document budget counts work, not time.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly ArticleExtractor Extractor = new(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default));

    private static Document Extract(byte[] body, ArticleExtractor? extractor = null) => (extractor ?? Extractor).Extract(new FetchedPage
    {
        Url = "http://example.test/news/2024/01/story.html", Status = 200, ContentType = "text/html", Body = body, FetchedAt = DateTimeOffset.UnixEpoch,
    });

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private const string Paragraph = "<p>The council met on Tuesday evening, and after a long debate it agreed to fund the new bridge over the river.</p>";

    [Fact]
    public void Empty_page_becomes_an_empty_document()
    {
        var d = Extract([]);
        Assert.NotEqual(Disposition.Failed, d.Disposition);
        Assert.Equal("", d.Text);
    }

    [Fact]
    public void Binary_garbage_gives_valid_text_or_nothing()
    {
        var random = new Random(7);
        var bytes = new byte[200_000];
        random.NextBytes(bytes);
        var d = Extract(bytes);
        Assert.NotEqual(Disposition.Failed, d.Disposition);
        Assert.DoesNotContain('\0', d.Text);
        Assert.Equal(d.Text, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(d.Text)));
    }

    [Fact]
    public void A_20_MB_page_is_extracted()
    {
        var sb = new StringBuilder("<html><body><article>");
        while (sb.Length < 20_000_000) sb.Append(Paragraph);
        sb.Append("</article></body></html>");
        var d = Extract(Utf8(sb.ToString()));
        Assert.Equal(Disposition.Kept, d.Disposition);
        Assert.StartsWith("The council met on Tuesday evening", d.Text);
    }

    [Fact]
    public void Fifty_thousand_nested_divs_do_not_overflow_the_stack()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 50_000)) + Paragraph + string.Concat(Enumerable.Repeat("</div>", 50_000)) + "</body></html>";
        var d = Extract(Utf8(html));
        Assert.Equal(Disposition.Kept, d.Disposition);
        Assert.Contains("agreed to fund the new bridge", d.Text);
    }

    [Fact]
    public void Unterminated_comment_and_script_swallow_only_what_follows_them()
    {
        var comment = Extract(Utf8("<html><body>" + Paragraph + "<!-- never closed <p>hidden</p>" + new string('x', 100_000)));
        Assert.Contains("agreed to fund the new bridge", comment.Text);
        Assert.DoesNotContain("hidden", comment.Text);
        var script = Extract(Utf8("<html><body>" + Paragraph + "<script>var a = 1; document.write('<p>x</p>');" + new string('y', 100_000)));
        Assert.Contains("agreed to fund the new bridge", script.Text);
        Assert.DoesNotContain("document.write", script.Text);
    }

    [Fact]
    public void Ten_thousand_links_are_a_link_list_not_an_article()
    {
        var links = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"<li><a href=\"/p{i}\">Another story number {i} to read</a></li>"));
        var d = Extract(Utf8($"<html><body><ul>{links}</ul></body></html>"));
        Assert.NotEqual(Disposition.Failed, d.Disposition);
        Assert.DoesNotContain("Another story number 9999", d.Text);
    }

    [Fact]
    public void A_page_over_its_work_budget_fails_with_the_reason()
    {
        var strict = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default), workBudget: 5);
        var d = Extract(Utf8("<html><body>" + Paragraph + "</body></html>"), strict);
        Assert.Equal(Disposition.Failed, d.Disposition);
        Assert.StartsWith("extract.work_budget", d.Error);
    }

    [Fact]
    public void A_million_empty_tags_fail_before_parsing_and_the_same_way_every_time()
    {
        // Seven bytes a tag: far denser than any honest page, so the per-tag cost outruns the size allowance.
        var html = "<html><body>" + Paragraph + string.Concat(Enumerable.Repeat("<b></b>", 1_000_000)) + "</body></html>";
        var first = Extract(Utf8(html));
        var second = Extract(Utf8(html));
        Assert.Equal(Disposition.Failed, first.Disposition);
        Assert.StartsWith("extract.work_budget: the page's 1000003 tags", first.Error);
        Assert.Equal(first.Error, second.Error);
    }

    [Fact]
    public void The_budget_is_a_count_so_a_page_passes_or_fails_at_the_same_unit()
    {
        var page = "<html><body>" + string.Concat(Enumerable.Repeat("<div>" + Paragraph + "</div>", 40)) + "</body></html>";
        // Find the smallest budget the page fits in by bisection; one unit less fails, every time.
        long low = 1, high = 10_000_000;
        while (low < high)
        {
            var mid = (low + high) / 2;
            var fits = Extract(Utf8(page), new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default), workBudget: mid)).Disposition != Disposition.Failed;
            if (fits) high = mid; else low = mid + 1;
        }
        for (var run = 0; run < 3; run++)
        {
            Assert.NotEqual(Disposition.Failed, Extract(Utf8(page), new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default), workBudget: low)).Disposition);
            Assert.Equal(Disposition.Failed, Extract(Utf8(page), new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default), workBudget: low - 1)).Disposition);
        }
        Assert.True(low > 400, "the parse of 83 tags at work_per_tag 10 alone costs more than 400 units");
    }
}
