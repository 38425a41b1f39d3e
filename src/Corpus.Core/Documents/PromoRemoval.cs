namespace Corpus.Core.Documents;

/// <summary>
/// One promo paragraph taken out of a document: the rule that took it, its text, and the paragraphs before and after
/// it (null when it stood at an edge or its place is not known). Texts are cut to <see cref="MaxChars"/>.
/// </summary>
public sealed record PromoRemoval(string Rule, string Text, string? Before, string? After)
{
    public const int MaxChars = 300;

    public static PromoRemoval Of(string rule, string text, string? before, string? after) =>
        new(rule, Clip(text)!, Clip(before), Clip(after));

    /// <summary>A paragraph cut to <see cref="MaxChars"/> characters; blank becomes null.</summary>
    public static string? Clip(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return text is null ? null : "";
        var t = text.Trim();
        return t.Length <= MaxChars ? t : t[..MaxChars].TrimEnd() + "…";
    }

    /// <summary>
    /// The removals of promos that stood in <paramref name="lines"/> at the given indices, each with the nearest
    /// non-blank line before and after it that was not removed too.
    /// </summary>
    public static IReadOnlyList<PromoRemoval> InLines(IReadOnlyList<string> lines, IReadOnlyList<(int Index, string Rule)> removed)
    {
        var gone = removed.Select(r => r.Index).ToHashSet();
        return removed.Select(r => Of(r.Rule, lines[r.Index], Nearest(lines, r.Index - 1, -1, gone), Nearest(lines, r.Index + 1, 1, gone))).ToList();
    }

    /// <summary>
    /// The first non-blank line from index <paramref name="from"/> (brought inside the text) on, walking by
    /// <paramref name="step"/> (−1 back, +1 forward) and passing over the indices in <paramref name="skip"/>; null at
    /// the edge of the text.
    /// </summary>
    public static string? Nearest(IReadOnlyList<string> lines, int from, int step, IReadOnlySet<int>? skip = null)
    {
        for (var i = step < 0 ? Math.Min(from, lines.Count - 1) : Math.Max(from, 0); i >= 0 && i < lines.Count; i += step)
            if (skip?.Contains(i) != true && !string.IsNullOrWhiteSpace(lines[i])) return lines[i];
        return null;
    }
}
