namespace Corpus.Text.Promos;

/// <summary>
/// The DOM pass: decides whether an in-body block points the reader elsewhere. Returns the name of the rule that
/// matched (for counting and <c>--explain</c>), or null for real body text. The text rules are the text pass's own
/// (<see cref="PromoLineClassifier"/>); markup adds two more: related-article boxes named by their class/id tokens,
/// and short blocks that are nothing but a link to another page of the same site.
/// </summary>
public sealed class PromoBlockClassifier(PromoRules rules)
{
    public const string RelatedBoxRule = "promo.related_box";
    public const string LinkBlockRule = "promo.link_block";

    private readonly PromoLineClassifier _lines = new(rules);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public PromoRules Rules => rules;

    /// <summary>How many blocks each rule has removed through this instance (for eval and build reports).</summary>
    public IReadOnlyDictionary<string, int> RuleCounts => _counts.ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>Called with every block a rule removes (for <c>--explain</c>-style listings).</summary>
    public Action<string, PromoBlock>? OnRemoved { get; init; }

    public string? Match(PromoBlock block)
    {
        var rule = Judge(block);
        if (rule is null) return null;
        _counts.AddOrUpdate(rule, 1, (_, n) => n + 1);
        OnRemoved?.Invoke(rule, block);
        return rule;
    }

    private string? Judge(PromoBlock block)
    {
        if (_lines.Match(block.Text, block.LinkTextShare) is { } rule) return rule;
        var words = Corpus.Core.Text.WordCounter.Count(block.Text);
        // A heading that opens with a lead phrase titles a teaser list ("Meer over economie", "Mehr aus Wirtschaft"),
        // whatever case its words are in.
        if (IsHeading(block.Tag) && words <= rules.MaxHeadingWords && _lines.StartsWithLeadPhrase(block.Text))
            return PromoLineClassifier.LeadPhraseRule;
        if (words <= rules.MaxBoxWords && AnyBoxToken(block.ClassTokens)) return RelatedBoxRule;
        // A teaser: a short line that is all link to another story of the same site. Real paragraphs that happen to
        // be links end like sentences; headlines do not.
        if (block.LinkCount > 0 && block.LinksToSameSite && block.LinkTextShare >= rules.MinLinkShare
            && words <= rules.MaxLinkBlockWords && !HeadlineShape.EndsLikeSentence(block.Text))
            return LinkBlockRule;
        return null;
    }

    private static bool IsHeading(string tag) => tag.Length == 2 && (tag[0] is 'h' or 'H') && tag[1] is >= '1' and <= '6';

    // A loop, not LINQ: every short line of every page asks.
    private bool AnyBoxToken(IEnumerable<string> tokens)
    {
        if (tokens is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
                if (IsBoxToken(list[i])) return true;
            return false;
        }
        foreach (var token in tokens)
            if (IsBoxToken(token)) return true;
        return false;
    }

    /// <summary>A marker matches at the start of a class token or of one of its '-'/'_' parts, with or without its dashes.</summary>
    private bool IsBoxToken(string token)
    {
        if (_emptyMarker) return true; // an empty marker starts every token
        var t = token.Contains('_') ? token.Replace('_', '-') : token;
        // Every place any marker starts, in one search (the markers' first places, then on from each), instead of a
        // search per marker.
        for (var from = 0; from < t.Length;)
        {
            var i = t.AsSpan(from).IndexOfAny(_boxMarkerSearch);
            if (i < 0) return false;
            var at = from + i;
            if (at == 0 || !char.IsLetter(t[at - 1])) return true;
            from = at + 1;
        }
        return false;
    }

    // Each marker, and the ones with dashes once more without them.
    private static string[] BoxMarkers(PromoRules rules) => rules.BoxTokens
        .SelectMany(m => m.Contains('-') ? new[] { m, m.Replace("-", "") } : [m]).ToArray();

    private readonly System.Buffers.SearchValues<string> _boxMarkerSearch =
        System.Buffers.SearchValues.Create(BoxMarkers(rules).Where(m => m.Length > 0).ToArray(), StringComparison.Ordinal);

    private readonly bool _emptyMarker = BoxMarkers(rules).Any(m => m.Length == 0);
}
