namespace Corpus.Core.Pipeline;

/// <summary>
/// What one source of the recipe gave the build: a sitemap, feed or seed URL, or a WARC file or glob. A source with
/// no pages is a problem the user should see (an unreachable sitemap, a host that does not resolve, an empty WARC file),
/// so the build summary and the manifest list it with the reason when one is known.
/// </summary>
/// <param name="Kind"><c>sitemap</c>, <c>feed</c>, <c>seed</c> or <c>warc</c>.</param>
/// <param name="Source">The URL or path as the recipe spells it.</param>
/// <param name="Pages">Pages the build read from it (for a sitemap or feed: pages found through it).</param>
/// <param name="Problem">Why it gave nothing, when known (the fetch error, or that it is outside the allowed hosts).</param>
public sealed record SourceYield(string Kind, string Source, int Pages, string? Problem = null)
{
    public bool IsEmpty => Pages == 0;

    public override string ToString() =>
        $"{Kind} {Source} gave no pages" + (Problem is null ? "" : $" ({Problem})");
}
