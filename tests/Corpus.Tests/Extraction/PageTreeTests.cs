using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Corpus.Extraction;
using Corpus.Extraction.Content;
using Corpus.Extraction.Files;
using Corpus.Tests.Support;

namespace Corpus.Tests.Extraction;

/// <summary>
/// The page tree's measuring walk and the walk of its measured list, on real pages (the vendored Readability dev pages):
/// each must give what the plain definition gives, counted element by element.
/// </summary>
public sealed class PageTreeTests
{
    private static IEnumerable<string> Pages() =>
        HtmlFiles.Expand([Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Extraction", "DevPages", "readability", "html")]).Take(12);

    private static IDocument Parse(string file) =>
        new HtmlParser().ParseDocument(CharsetDecoder.Decode(HtmlFiles.ReadBytes(file), "text/html").Text);

    [Fact]
    public void Measuring_lists_every_element_in_document_order_with_the_counts_of_its_own_subtree()
    {
        foreach (var file in Pages())
        {
            using var doc = Parse(file);
            var body = doc.Body!;
            using var tree = new PageTree(body, ExtractionRules.Default, WorkBudget.None);
            tree.Measure();

            IElement[] expected = [body, .. body.QuerySelectorAll("*")];
            Assert.Equal(expected, tree.Measured);
            foreach (var el in expected)
            {
                var s = tree.StatsOf(el);
                Assert.Equal(1 + el.QuerySelectorAll("*").Length, s.Size);
                Assert.Equal(TextOf(el), s.TextChars);
                Assert.Equal((el.LocalName == "a" ? 1 : 0) + el.QuerySelectorAll("a").Length, s.Links);
                // The parser never nests links, so a box's link text is the text of the links in it.
                Assert.Equal(el.LocalName == "a" ? TextOf(el) : el.QuerySelectorAll("a").Sum(TextOf), s.LinkChars);
            }
        }
    }

    // Every text node under the element, each counted with its whitespace runs as one character.
    private static int TextOf(IElement el) =>
        el.GetDescendants().Where(n => n.NodeType == NodeType.Text).Sum(n => TextStats.CollapsedLength(n.TextContent, out _));

    [Fact]
    public void Walking_the_measured_list_visits_what_walking_the_page_visits_and_spends_the_same_units()
    {
        int visitedTotal = 0, elementsTotal = 0;
        foreach (var file in Pages())
        {
            using var doc = Parse(file);
            // Turn away every third div and every list: their subtrees must not be visited.
            var n = 0;
            bool Enter(IElement el) => !(el.LocalName is "ul" or "ol" || el.LocalName == "div" && n++ % 3 == 2);

            var budget = new WorkBudget(long.MaxValue);
            var walked = new List<IElement>();
            long walkUnits, listUnits;
            using (var tree = new PageTree(doc.Body!, ExtractionRules.Default, budget))
            {
                tree.Measure();
                var before = budget.Spent;
                n = 0;
                tree.Walk(tree.Root, el => { walked.Add(el); return Enter(el); });
                walkUnits = budget.Spent - before;
            }

            var listed = new List<IElement>();
            using (var tree = new PageTree(doc.Body!, ExtractionRules.Default, budget))
            {
                tree.Measure();
                var before = budget.Spent;
                n = 0;
                tree.WalkMeasured((el, s) =>
                {
                    Assert.Same(tree.StatsOf(el), s);
                    listed.Add(el);
                    return Enter(el);
                });
                listUnits = budget.Spent - before;
            }
            Assert.Equal(walkUnits, listUnits);

            Assert.Equal(walked, listed);
            visitedTotal += walked.Count;
            elementsTotal += 1 + doc.Body!.QuerySelectorAll("*").Length;
        }
        // The pages are real ones, and subtrees were skipped.
        Assert.True(visitedTotal > 1000);
        Assert.True(visitedTotal < elementsTotal);
    }

    [Fact]
    public void Remeasuring_after_removals_gives_what_measuring_the_pruned_page_afresh_gives()
    {
        var compared = 0;
        foreach (var file in Pages())
        {
            using var doc = Parse(file);
            var n = 0;
            // Every fourth div and every table, and some elements inside what is already removed.
            var first = doc.Body!.QuerySelectorAll("div, table").Where(el => el.LocalName == "table" || n++ % 4 == 1).ToList();
            var nested = first.SelectMany(el => el.QuerySelectorAll("p, div").Take(1)).ToList();
            var second = doc.Body!.QuerySelectorAll("ul, ol").ToList();

            using var tree = new PageTree(doc.Body!, ExtractionRules.Default, WorkBudget.None);
            tree.Measure();
            foreach (var el in first.Concat(nested)) tree.Removed.Add(el);
            tree.Remeasure();
            Same(doc, tree, tree.Removed.ToList());
            // A second round of removals, from a list no longer in step with a full measure.
            foreach (var el in second) tree.Removed.Add(el);
            tree.Remeasure();
            Same(doc, tree, tree.Removed.ToList());
            compared += tree.Measured.Count;
        }
        Assert.True(compared > 1000);

        static void Same(IDocument doc, PageTree tree, List<IElement> removed)
        {
            using var fresh = new PageTree(doc.Body!, ExtractionRules.Default, WorkBudget.None);
            foreach (var el in removed) fresh.Removed.Add(el);
            fresh.Measure();
            Assert.Equal(fresh.Measured, tree.Measured);
            foreach (var el in doc.Body!.QuerySelectorAll("*").Prepend(doc.Body!))
            {
                Assert.Equal(fresh.Stats.ContainsKey(el), tree.Stats.ContainsKey(el));
                if (!fresh.Stats.TryGetValue(el, out var a)) continue;
                var b = tree.Stats[el];
                Assert.Equal((a.TextChars, a.LinkChars, a.Commas, a.InlineChars, a.InlineCommas, a.InlineLinkChars),
                    (b.TextChars, b.LinkChars, b.Commas, b.InlineChars, b.InlineCommas, b.InlineLinkChars));
                Assert.Equal((a.ParagraphChars, a.Paragraphs, a.Links, a.QuoteChars, a.HoldsArticle, a.Block, a.Size),
                    (b.ParagraphChars, b.Paragraphs, b.Links, b.QuoteChars, b.HoldsArticle, b.Block, b.Size));
            }
        }
    }

    [Fact]
    public void After_a_removal_the_measured_list_walk_still_skips_what_was_removed()
    {
        using var doc = new HtmlParser().ParseDocument(
            "<body><div id=a><p>one</p><p>two</p></div><div id=b><p>three</p><ul><li>four</li></ul></div><p>five</p></body>");
        using var tree = new PageTree(doc.Body!, ExtractionRules.Default, WorkBudget.None);
        tree.Measure();
        tree.Removed.Add(doc.GetElementById("b")!);
        var visited = new List<string>();
        tree.WalkMeasured((el, s) =>
        {
            visited.Add(string.IsNullOrEmpty(el.Id) ? el.LocalName : el.Id);
            Assert.Same(tree.StatsOf(el), s);
            return true;
        });
        Assert.Equal(["body", "a", "p", "p", "p"], visited);
    }
}
