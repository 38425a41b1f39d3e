using AngleSharp.Dom;
using Corpus.Cleaning.Promos;

namespace Corpus.Extraction;

/// <summary>The article body as lines, how much of it was link text, and the promo blocks taken out of it.</summary>
public sealed record MainContent(IReadOnlyList<string> Lines, double LinkDensity, IReadOnlyList<RemovedBlock> Removed);

/// <summary>A block the DOM pass removed, with the rule that removed it.</summary>
public sealed record RemovedBlock(string Rule, string Text);

/// <summary>
/// A first main-content heuristic: drop chrome by element name and class/id tokens, then take the element whose
/// direct paragraphs hold the most text (schema.org <c>articleBody</c> wins outright), and read its text blocks.
/// </summary>
public sealed class MainContentFinder(ExtractionRules rules, PromoBlockClassifier promos)
{
    public MainContent Find(IDocument doc, string pageUrl)
    {
        var body = doc.Body;
        if (body is null) return new MainContent([], 0, []);
        var host = Uri.TryCreate(pageUrl, UriKind.Absolute, out var pageUri) ? pageUri.Host : null;
        foreach (var el in body.QuerySelectorAll("*").ToList())
            if (rules.DroppedElements.Contains(el.LocalName) || IsBoilerplate(el))
                el.Remove();

        var container = body.QuerySelector("[itemprop='articleBody']") ?? BestContainer(body) ?? body;
        var lines = new List<string>();
        var removed = new List<RemovedBlock>();
        long total = 0, linked = 0;
        foreach (var block in container.QuerySelectorAll("*").Where(IsLeafBlock))
        {
            var text = Collapse(block.TextContent);
            if (text.Length == 0) continue;
            var links = block.QuerySelectorAll("a").ToList();
            var linkChars = links.Sum(a => (long)Collapse(a.TextContent).Length);
            var rule = promos.Match(new PromoBlock
            {
                Text = text,
                Tag = block.LocalName,
                LinkCount = links.Count,
                LinkTextShare = (double)linkChars / text.Length,
                LinksToSameSite = links.Count > 0 && links.All(a => IsSameSite(a.GetAttribute("href"), host)),
                ClassTokens = SelfAndParents(block, 3).SelectMany(Tokens).ToList(),
            });
            if (rule is not null)
            {
                removed.Add(new RemovedBlock(rule, text));
                continue;
            }
            lines.Add(text);
            total += text.Length;
            linked += linkChars;
        }
        if (lines.Count == 0)
        {
            var text = Collapse(container.TextContent);
            if (text.Length > 0) { lines.Add(text); total = text.Length; }
        }
        return new MainContent(lines, total == 0 ? 0 : (double)linked / total, removed);
    }

    private bool IsBoilerplate(IElement el)
    {
        var marks = $"{el.ClassName} {el.Id}".ToLowerInvariant();
        if (marks.Length <= 1) return false;
        foreach (var token in rules.BoilerplateTokens)
        {
            var i = marks.IndexOf(token, StringComparison.Ordinal);
            while (i >= 0)
            {
                // Whole word parts only: "share-bar" and "social_links" match, "shared-story" is not "share".
                var before = i == 0 || !char.IsLetter(marks[i - 1]);
                var end = i + token.Length;
                var after = end == marks.Length || !char.IsLetter(marks[end]);
                if (before && after) return true;
                i = marks.IndexOf(token, end, StringComparison.Ordinal);
            }
        }
        return false;
    }

    private static IElement? BestContainer(IElement body)
    {
        IElement? best = null;
        double bestScore = 0;
        var scores = new Dictionary<IElement, double>();
        foreach (var p in body.QuerySelectorAll("p"))
        {
            var length = Collapse(p.TextContent).Length;
            if (length < 25) continue;
            var parent = p.ParentElement;
            if (parent is null) continue;
            scores[parent] = scores.GetValueOrDefault(parent) + length;
            if (parent.ParentElement is { } grand) scores[grand] = scores.GetValueOrDefault(grand) + length / 2.0;
        }
        foreach (var (el, score) in scores)
            if (score > bestScore) (best, bestScore) = (el, score);
        return best;
    }

    private static bool IsSameSite(string? href, string? host) =>
        href is not null && (href.StartsWith('/') && !href.StartsWith("//") || host is not null && Uri.TryCreate(href, UriKind.Absolute, out var u) && u.Host == host);

    private static IEnumerable<IElement> SelfAndParents(IElement el, int count)
    {
        for (IElement? e = el; e is not null && count-- > 0; e = e.ParentElement) yield return e;
    }

    private static IEnumerable<string> Tokens(IElement el) =>
        $"{el.ClassName} {el.Id}".ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private bool IsLeafBlock(IElement el) =>
        rules.TextBlocks.Contains(el.LocalName) && !el.QuerySelectorAll("*").Any(d => rules.TextBlocks.Contains(d.LocalName));

    internal static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
