using System.ComponentModel.DataAnnotations;

namespace Corpus.Core.Recipes;

/// <summary>The recipe's <c>crawl:</c> section: scope, politeness, HTTP limits and where the crawl keeps its state and WARC files.</summary>
[Step("crawl")]
public sealed class CrawlSettings
{
    /// <summary>Hosts the crawler may fetch from; empty means the hosts of the sources.</summary>
    public List<string> AllowedHosts { get; set; } = [];
    /// <summary>Regular expressions; when any are given, a URL must match one to be crawled.</summary>
    public List<string> IncludePatterns { get; set; } = [];
    /// <summary>Regular expressions; a URL matching one is never crawled.</summary>
    public List<string> ExcludePatterns { get; set; } = [];
    public string UserAgent { get; set; } = "CorpusBot/0.1";
    public string ContactUrl { get; set; } = "";
    /// <summary>Most pages the crawl will queue (sitemaps and feeds not counted).</summary>
    [Range(1, int.MaxValue)]
    public int MaxPages { get; set; } = 10_000;
    /// <summary>How many link hops from a seed, sitemap or feed page are followed; 0 follows no in-page links.</summary>
    [Range(0, int.MaxValue)]
    public int MaxDepth { get; set; }
    /// <summary>Requests in flight across all hosts.</summary>
    [Range(1, int.MaxValue)]
    public int Concurrency { get; set; } = 4;
    /// <summary>Requests in flight to one host.</summary>
    [Range(1, int.MaxValue)]
    public int PerHostConcurrency { get; set; } = 1;
    /// <summary>Minimum pause between two requests to one host; robots.txt Crawl-delay raises it. Sites in sources.serve get none.</summary>
    [Range(0, int.MaxValue)]
    public int MinDelayMs { get; set; } = 1000;
    /// <summary>A robots.txt Crawl-delay above this is capped to it.</summary>
    [Range(0.0, double.MaxValue)]
    public double MaxCrawlDelaySeconds { get; set; } = 30;
    /// <summary>One request, from sending to the last body byte.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double TimeoutSeconds { get; set; } = 30;
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double ConnectTimeoutSeconds { get; set; } = 10;
    /// <summary>Extra attempts after a timeout, connection error, 5xx or 429 (exponential back-off with jitter).</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 2;
    [Range(0, 5)]
    public int MaxRedirects { get; set; } = 5;
    /// <summary>Longest Retry-After waited for within a fetch; a URL asked to wait longer fails with the wait in its reason.</summary>
    [Range(0.0, double.MaxValue)]
    public double MaxRetryAfterSeconds { get; set; } = 60;
    /// <summary>Body bytes accepted over the wire.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double MaxBodyMb { get; set; } = 10;
    /// <summary>Body bytes accepted after decompression (a larger one is a decompression bomb and refused).</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double MaxDecodedMb { get; set; } = 20;
    /// <summary>Media types fetched as pages; empty means text/html and application/xhtml+xml.</summary>
    public List<string> ContentTypes { get; set; } = [];
    /// <summary>Read the Sitemap: lines of each host's robots.txt.</summary>
    public bool RobotsSitemaps { get; set; } = true;
    /// <summary>How long a fetched robots.txt is trusted before it is fetched again.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double RobotsCacheMinutes { get; set; } = 60;
    /// <summary>Folder (relative to the recipe) for crawl state and WARC files; git-ignored under datasets/*/work/.</summary>
    public string WorkDir { get; set; } = "work";
    /// <summary>A WARC file is closed and a new one started past this size.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double WarcFileMb { get; set; } = 1000;
    /// <summary>Allow fetching loopback and private addresses for every host (off by default; prefer <see cref="Resolve"/>).</summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>
    /// Host names answered from fixed addresses, like curl's <c>--resolve</c>: <c>{site0.test: "127.0.0.1:8080"}</c> (the
    /// port is optional). Only the named hosts may reach their mapped address, even a private one; the SSRF guard stays on for everything else.
    /// </summary>
    public Dictionary<string, string> Resolve { get; set; } = [];
    /// <summary>HTTP proxy to crawl through (e.g. <c>http://proxy:3128</c>); empty crawls directly and ignores HTTP_PROXY. Targets are still judged by the SSRF guard.</summary>
    public string Proxy { get; set; } = "";
    /// <summary>First wait before asking again for a robots.txt that answered 5xx or not at all; it doubles (up to 30 min) with each failure.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double RobotsRetryMinutes { get; set; } = 1;
    /// <summary>How long a host's robots.txt may stay unavailable before its URLs fail (RFC 9309 §2.3.1.3).</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double RobotsGiveUpMinutes { get; set; } = 120;
    /// <summary>
    /// Read the feeds and sitemaps pages link (rel=alternate RSS/Atom, rel=sitemap, links to feed and sitemap files), and
    /// page URLs that answer with one, as feeds and sitemaps: their items are queued, they are not pages.
    /// </summary>
    public bool LinkedFeeds { get; set; } = true;
}
