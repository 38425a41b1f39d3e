using Corpus.Core.Documents;

namespace Corpus.Extraction.Content;

/// <summary>The promo blocks the DOM pass removed, each with the body paragraphs it stood between.</summary>
public static class ExtractedPromos
{
    public static IReadOnlyList<PromoRemoval>? Of(MainContent content)
    {
        if (content.Promos.Count == 0) return null;
        var lines = content.Lines;
        string? Before(int at)
        {
            for (var i = Math.Min(at, lines.Count) - 1; i >= 0; i--) if (!string.IsNullOrWhiteSpace(lines[i])) return lines[i];
            return null;
        }
        string? After(int at)
        {
            for (var i = Math.Max(at, 0); i < lines.Count; i++) if (!string.IsNullOrWhiteSpace(lines[i])) return lines[i];
            return null;
        }
        return content.Promos
            .Select(p => p.At is { } at ? PromoRemoval.Of(p.Rule, p.Text, Before(at), After(at)) : PromoRemoval.Of(p.Rule, p.Text, null, null))
            .ToList();
    }
}
