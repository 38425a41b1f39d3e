namespace Corpus.Crawling.Crawler;

/// <summary>A snapshot of a running crawl, for the progress display.</summary>
public sealed record CrawlStatus(int Fetched, int Failed, int Queued, int InFlight, long Bytes, TimeSpan Elapsed)
{
    public double PagesPerSecond => Elapsed.TotalSeconds > 0 ? (Fetched + Failed) / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// What a finished crawl left: the folder, its WARC files and how its URLs ended. <c>Requeued</c> counts the URLs an
/// earlier, interrupted run of the same folder had left unfinished (queued or being fetched) and this run took up.
/// </summary>
public sealed record CrawlSummary(string Directory, IReadOnlyList<string> WarcFiles, int Done, int Failed, int Requeued)
{
    /// <summary>Page URLs (not sitemaps, feeds or redirect targets) that ended with a page.</summary>
    public int PagesDone { get; init; }
    /// <summary>The failed URLs' reasons, most frequent first (the reason's text up to its first colon or parenthesis), with counts.</summary>
    public IReadOnlyList<(string Reason, int Count)> FailureReasons { get; init; } = [];

    /// <summary>The short form of a failure reason used to group them: numbers and URLs dropped.</summary>
    public static string ReasonKind(string? error)
    {
        if (string.IsNullOrEmpty(error)) return "unknown";
        var kind = System.Text.RegularExpressions.Regex.Replace(error, @"https?://\S+", "<url>");
        kind = System.Text.RegularExpressions.Regex.Replace(kind, @"\d+(\.\d+)?", "…");
        var cut = kind.IndexOfAny([':', '(']);
        return (cut > 0 ? kind[..cut] : kind).Trim();
    }
}
