namespace Corpus.Crawling.Fetching;

/// <summary>How one HTTP fetch behaves; built from the recipe's <c>crawl:</c> section in one place (<see cref="Crawler.CrawlOptions"/>).</summary>
public sealed record FetchOptions
{
    public string UserAgent { get; init; } = "CorpusBot/0.1";
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>One attempt, from sending the request to the last body byte.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxRedirects { get; init; } = 5;
    /// <summary>Bytes accepted over the wire for one body.</summary>
    public long MaxBodyBytes { get; init; } = 10L * 1024 * 1024;
    /// <summary>Bytes a body may grow to once decompressed.</summary>
    public long MaxDecodedBytes { get; init; } = 20L * 1024 * 1024;
    /// <summary>Extra attempts after a timeout, a connection error, a 5xx or a 429.</summary>
    public int Retries { get; init; } = 2;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>
    /// Longest Retry-After waited for within a fetch. A server asking for longer gets a failed URL (with the wait it
    /// asked for in the reason) instead of a stalled crawl or an early retry; the host then rests for this long.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
    public bool AllowPrivateNetworks { get; init; }
    /// <summary>
    /// The HTTP proxy to send requests through (<c>crawl.proxy</c>); null sends them directly and ignores
    /// <c>HTTP_PROXY</c>/<c>HTTPS_PROXY</c>, so the SSRF guard always sees the address it connects to. With a proxy, each
    /// target host is resolved here and judged before the request is sent.
    /// </summary>
    public Uri? Proxy { get; init; }
}
