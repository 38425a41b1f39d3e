using System.Text.RegularExpressions;
using Corpus.Core.Recipes;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Urls;

namespace Corpus.Crawling.Crawler;

/// <summary>Everything a crawl needs, as immutable options: the one place the recipe's crawl settings become them.</summary>
public sealed record CrawlOptions
{
    public required FetchOptions Fetch { get; init; }
    public IReadOnlyList<string> Seeds { get; init; } = [];
    public IReadOnlyList<string> Sitemaps { get; init; } = [];
    public IReadOnlyList<string> Feeds { get; init; } = [];
    public required IReadOnlySet<string> AllowedHosts { get; init; }
    public IReadOnlyList<Regex> Include { get; init; } = [];
    public IReadOnlyList<Regex> Exclude { get; init; } = [];
    public int MaxPages { get; init; } = 10_000;
    public int MaxDepth { get; init; }
    public int Concurrency { get; init; } = 4;
    public int PerHostConcurrency { get; init; } = 1;
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Hosts that get no minimum delay (the build's own in-process servers); robots Crawl-delay still applies.</summary>
    public IReadOnlySet<string> NoDelayHosts { get; init; } = new HashSet<string>();
    public TimeSpan MaxCrawlDelay { get; init; } = TimeSpan.FromSeconds(30);
    public IReadOnlySet<string> ContentTypes { get; init; } = DefaultContentTypes;
    public bool RobotsSitemaps { get; init; } = true;
    public TimeSpan RobotsCacheFor { get; init; } = TimeSpan.FromHours(1);
    /// <summary>How a host whose robots.txt answered 5xx (or not at all) is asked again, and when the crawl gives up on it.</summary>
    public Robots.RobotsRetryPolicy RobotsRetry { get; init; } = new();
    /// <summary>Host names answered from fixed addresses, like curl's --resolve (<c>crawl.resolve</c>): only these hosts may reach their mapped (even private) address.</summary>
    public IReadOnlyDictionary<string, string> Resolve { get; init; } = new Dictionary<string, string>();
    /// <summary>Read feeds and sitemaps that pages link (and page URLs that turn out to be one) as feeds and sitemaps (on by default).</summary>
    public bool LinkedFeeds { get; init; } = true;
    public long WarcFileBytes { get; init; } = 1000L * 1024 * 1024;
    public string WarcPrefix { get; init; } = "corpus";
    public string Software { get; init; } = "Corpus";
    /// <summary>
    /// In a partitioned crawl, whether this crawl owns a host (its lower-cased name): URLs on other hosts are handed
    /// over, not fetched, and seeds, sitemaps and feeds on them are left to their owner. Null owns every host.
    /// </summary>
    public Func<string, bool>? OwnsHost { get; init; }
    /// <summary>URLs to add besides the seeds, sitemaps and feeds, as they were found (kind, depth, parent, priority, hint).</summary>
    public IReadOnlyList<NewUrl> ExtraStartUrls { get; init; } = [];

    public static IReadOnlySet<string> DefaultContentTypes { get; } = new HashSet<string>(DataFile.Lines("accepted-content-types.txt"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Media types a page URL may turn out to be a feed or sitemap in (with <see cref="LinkedFeeds"/>).</summary>
    public static IReadOnlySet<string> FeedContentTypes { get; } = new HashSet<string>(DataFile.Lines("feed-content-types.txt"), StringComparer.OrdinalIgnoreCase);

    public static string UserAgentOf(CrawlSettings crawl) =>
        string.IsNullOrEmpty(crawl.ContactUrl) ? crawl.UserAgent : $"{crawl.UserAgent} (+{crawl.ContactUrl})";

    public static CrawlOptions FromRecipe(Recipe recipe, string software)
    {
        var c = recipe.Crawl;
        var s = recipe.Sources;
        var allowed = new HashSet<string>(c.AllowedHosts.Select(h => h.ToLowerInvariant()), StringComparer.OrdinalIgnoreCase);
        if (allowed.Count == 0)
            foreach (var u in s.Seeds.Concat(s.Sitemaps).Concat(s.Feeds))
                allowed.Add(new Uri(u).Host.ToLowerInvariant());
        return new CrawlOptions
        {
            Fetch = new FetchOptions
            {
                UserAgent = UserAgentOf(c),
                ConnectTimeout = TimeSpan.FromSeconds(c.ConnectTimeoutSeconds),
                RequestTimeout = TimeSpan.FromSeconds(c.TimeoutSeconds),
                MaxRedirects = c.MaxRedirects,
                MaxBodyBytes = (long)(c.MaxBodyMb * 1024 * 1024),
                MaxDecodedBytes = (long)(c.MaxDecodedMb * 1024 * 1024),
                Retries = c.Retries,
                MaxRetryAfter = TimeSpan.FromSeconds(c.MaxRetryAfterSeconds),
                AllowPrivateNetworks = c.AllowPrivateNetworks,
                Proxy = string.IsNullOrEmpty(c.Proxy) ? null : new Uri(c.Proxy),
            },
            Seeds = s.Seeds, Sitemaps = s.Sitemaps, Feeds = s.Feeds,
            AllowedHosts = allowed,
            Include = c.IncludePatterns.Select(p => new Regex(p, RegexOptions.CultureInvariant)).ToList(),
            Exclude = c.ExcludePatterns.Select(p => new Regex(p, RegexOptions.CultureInvariant)).ToList(),
            MaxPages = c.MaxPages,
            MaxDepth = c.MaxDepth,
            Concurrency = c.Concurrency,
            PerHostConcurrency = c.PerHostConcurrency,
            MinDelay = TimeSpan.FromMilliseconds(c.MinDelayMs),
            NoDelayHosts = new HashSet<string>(s.Serve.Select(x => x.Host.ToLowerInvariant()), StringComparer.OrdinalIgnoreCase),
            MaxCrawlDelay = TimeSpan.FromSeconds(c.MaxCrawlDelaySeconds),
            ContentTypes = c.ContentTypes.Count == 0 ? DefaultContentTypes : new HashSet<string>(c.ContentTypes, StringComparer.OrdinalIgnoreCase),
            RobotsSitemaps = c.RobotsSitemaps,
            RobotsCacheFor = TimeSpan.FromMinutes(c.RobotsCacheMinutes),
            RobotsRetry = new Robots.RobotsRetryPolicy
            {
                FirstRetry = TimeSpan.FromMinutes(c.RobotsRetryMinutes),
                MaxRetry = TimeSpan.FromMinutes(Math.Max(c.RobotsRetryMinutes, 30)),
                GiveUpAfter = TimeSpan.FromMinutes(c.RobotsGiveUpMinutes),
            },
            Resolve = new Dictionary<string, string>(c.Resolve, StringComparer.OrdinalIgnoreCase),
            LinkedFeeds = c.LinkedFeeds,
            WarcFileBytes = (long)(c.WarcFileMb * 1024 * 1024),
            WarcPrefix = recipe.Name.Length > 0 ? recipe.Name : "corpus",
            Software = software,
        };
    }

    /// <summary>Whether this crawl fetches <paramref name="url"/> itself rather than handing it over (see <see cref="OwnsHost"/>).</summary>
    public bool Owns(string url) => OwnsHost is not { } owns || owns(new Uri(url).Host.ToLowerInvariant());

    /// <summary>Why a URL is outside the crawl (host not allowed, excluded pattern), or null when it is in.</summary>
    public string? OutOfScope(string url)
    {
        var host = new Uri(url).Host;
        if (!AllowedHosts.Contains(host)) return $"host {host} is not in crawl.allowed_hosts";
        if (Exclude.FirstOrDefault(r => r.IsMatch(url)) is { } ex) return $"matches crawl.exclude_patterns '{ex}'";
        if (Include.Count > 0 && !Include.Any(r => r.IsMatch(url))) return "matches none of crawl.include_patterns";
        return null;
    }
}
