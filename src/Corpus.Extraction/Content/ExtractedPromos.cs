using Corpus.Core.Documents;

namespace Corpus.Extraction.Content;

/// <summary>The promo blocks the DOM pass removed, each with the body paragraphs it stood between.</summary>
public static class ExtractedPromos
{
    public static IReadOnlyList<PromoRemoval>? Of(MainContent content)
    {
        if (content.Promos.Count == 0) return null;
        return content.Promos
            .Select(p => p.At is { } at ? PromoRemoval.Of(p.Rule, p.Text, PromoRemoval.Nearest(content.Lines, at - 1, -1), PromoRemoval.Nearest(content.Lines, at, 1)) : PromoRemoval.Of(p.Rule, p.Text, null, null))
            .ToList();
    }
}
