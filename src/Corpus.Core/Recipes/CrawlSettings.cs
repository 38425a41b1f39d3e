namespace Corpus.Core.Recipes;

/// <summary>The recipe's <c>crawl:</c> section: scope, politeness, HTTP limits and where the crawl keeps its state and WARC files.</summary>
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
    public int MaxPages { get; set; } = 10_000;
    /// <summary>How many link hops from a seed, sitemap or feed page are followed; 0 follows no in-page links.</summary>
    public int MaxDepth { get; set; }
    /// <summary>Requests in flight across all hosts.</summary>
    public int Concurrency { get; set; } = 4;
    /// <summary>Requests in flight to one host.</summary>
    public int PerHostConcurrency { get; set; } = 1;
    /// <summary>Minimum pause between two requests to one host; robots.txt Crawl-delay raises it. Sites in sources.serve get none.</summary>
    public int MinDelayMs { get; set; } = 1000;
    /// <summary>A robots.txt Crawl-delay above this is capped to it.</summary>
    public double MaxCrawlDelaySeconds { get; set; } = 30;
    /// <summary>One request, from sending to the last body byte.</summary>
    public double TimeoutSeconds { get; set; } = 30;
    public double ConnectTimeoutSeconds { get; set; } = 10;
    /// <summary>Extra attempts after a timeout, connection error, 5xx or 429 (exponential back-off with jitter).</summary>
    public int Retries { get; set; } = 2;
    public int MaxRedirects { get; set; } = 5;
    /// <summary>Longest Retry-After honoured within a fetch; longer ones are capped.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 60;
    /// <summary>Body bytes accepted over the wire.</summary>
    public double MaxBodyMb { get; set; } = 10;
    /// <summary>Body bytes accepted after decompression (a larger one is a decompression bomb and refused).</summary>
    public double MaxDecodedMb { get; set; } = 20;
    /// <summary>Media types fetched as pages; empty means text/html and application/xhtml+xml.</summary>
    public List<string> ContentTypes { get; set; } = [];
    /// <summary>Read the Sitemap: lines of each host's robots.txt.</summary>
    public bool RobotsSitemaps { get; set; } = true;
    /// <summary>How long a fetched robots.txt is trusted before it is fetched again.</summary>
    public double RobotsCacheMinutes { get; set; } = 60;
    /// <summary>Folder (relative to the recipe) for crawl state and WARC files; git-ignored under datasets/*/work/.</summary>
    public string WorkDir { get; set; } = "work";
    /// <summary>A WARC file is closed and a new one started past this size.</summary>
    public double WarcFileMb { get; set; } = 1000;
    /// <summary>Allow fetching loopback and private addresses (off by default; the offline sample needs it).</summary>
    public bool AllowPrivateNetworks { get; set; }
}
