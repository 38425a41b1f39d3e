using AngleSharp.Dom;

namespace Corpus.Extraction.Content;

/// <summary>
/// Class, id and itemprop values split into word parts ("story-body__inner" → story, body, inner; "articleBody" →
/// articlebody: camel case is kept whole, case is ignored), and their weight from the data table. The parts are read
/// in place, without building strings: every element of a page is asked.
/// </summary>
public sealed class ClassTokens
{
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _weights;

    public ClassTokens(ExtractionRules rules)
    {
        var weights = new Dictionary<string, double>(rules.TokenWeights, StringComparer.OrdinalIgnoreCase);
        _weights = weights.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The strongest positive token plus the strongest negative one: an element marked both "article" and "share" is
    /// judged on both, but five chrome tokens do not weigh five times one.
    /// </summary>
    public double Weight(IElement el)
    {
        if (el.Attributes.Length == 0) return 0;
        double best = 0, worst = 0;
        foreach (var name in Attributes)
        {
            var value = el.GetAttribute(name).AsSpan();
            while (NextToken(ref value, out var token))
            {
                if (!_weights.TryGetValue(token, out var w)) continue;
                if (name == "id" && IsHeadingAnchor(el)) break;
                if (w > best) best = w;
                if (w < worst) worst = w;
            }
        }
        return best + worst;
    }

    /// <summary>The negative token that marks the element as chrome, if it has one and no positive token.</summary>
    public string? ChromeToken(IElement el)
    {
        if (el.Attributes.Length == 0) return null;
        string? found = null;
        double worst = 0;
        foreach (var name in Attributes)
        {
            var value = el.GetAttribute(name).AsSpan();
            while (NextToken(ref value, out var token))
            {
                if (!_weights.TryGetValue(token, out var key, out var w)) continue;
                if (name == "id" && IsHeadingAnchor(el)) break;
                if (w > 0) return null;
                if (w < worst) (worst, found) = (w, key);
            }
        }
        return found;
    }

    private static readonly string[] Attributes = ["class", "id", "itemprop"];

    /// <summary>
    /// Whether the element's id is its first heading's text made into an anchor ("sharing-with-a-single-developer" on
    /// the section headed "Sharing with a single developer", as documentation generators and many CMSs write them):
    /// such an id names the section's content, not its role, so its words are not weighed. The heading (one of the
    /// element's first two child elements) and the id must agree on their first four words: a box's short title
    /// ("Related stories", "Most popular") is not enough.
    /// </summary>
    private static bool IsHeadingAnchor(IElement el)
    {
        IElement? heading = null;
        var seen = 0;
        for (var child = el.FirstElementChild; heading is null && child is not null && seen < 2; child = child.NextElementSibling, seen++)
            if (IsHeading(child)) heading = child;
        if (heading is null) return false;
        var id = el.Id.AsSpan();
        var text = heading.TextContent.AsSpan();
        for (var matched = 0; matched < 4; matched++)
            if (!NextToken(ref text, out var word) || !NextToken(ref id, out var part) || !word.Equals(part, StringComparison.OrdinalIgnoreCase))
                return false;
        return true;
    }

    private static bool IsHeading(IElement el) => el.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";

    /// <summary>Cuts the next run of letters off the front of <paramref name="rest"/>.</summary>
    private static bool NextToken(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> token)
    {
        var start = 0;
        while (start < rest.Length && !char.IsLetter(rest[start])) start++;
        var end = start;
        while (end < rest.Length && char.IsLetter(rest[end])) end++;
        token = rest[start..end];
        rest = rest[end..];
        return token.Length > 0;
    }
}
