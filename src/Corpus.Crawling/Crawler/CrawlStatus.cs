namespace Corpus.Crawling.Crawler;

/// <summary>A snapshot of a running crawl, for the progress display.</summary>
public sealed record CrawlStatus(int Fetched, int Failed, int Queued, int InFlight, long Bytes, TimeSpan Elapsed)
{
    public double PagesPerSecond => Elapsed.TotalSeconds > 0 ? (Fetched + Failed) / Elapsed.TotalSeconds : 0;
}

/// <summary>What a finished crawl left: the folder, its WARC files and how its URLs ended.</summary>
public sealed record CrawlSummary(string Directory, IReadOnlyList<string> WarcFiles, int Done, int Failed, int Requeued);
