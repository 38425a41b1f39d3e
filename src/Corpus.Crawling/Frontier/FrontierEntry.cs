namespace Corpus.Crawling.Frontier;

/// <summary>What a frontier URL is fetched for.</summary>
public static class UrlKind
{
    public const string Page = "page";
    public const string Sitemap = "sitemap";
    public const string Feed = "feed";
    /// <summary>A URL only reached as the end of another URL's redirect chain: fetched as part of that URL, never alone.</summary>
    public const string RedirectTarget = "redirect-target";
}

public static class UrlState
{
    public const string Queued = "queued";
    public const string InFlight = "in_flight";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>A URL to add: where it was found, how deep, how urgent, and any hint (a news sitemap's publication date).</summary>
public sealed record NewUrl(string Url, string Kind, int Depth, string? DiscoveredFrom, int Priority = 0, string? Hint = null);

/// <summary>A frontier row as stored.</summary>
public sealed record FrontierEntry
{
    public required string Url { get; init; }
    public required string Kind { get; init; }
    public required string State { get; init; }
    public int Depth { get; init; }
    public int Priority { get; init; }
    public long Sequence { get; init; }
    public string? DiscoveredFrom { get; init; }
    public string? Hint { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public string? FinalUrl { get; init; }
    public string? Canonical { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public string? WarcFile { get; init; }
    public long? WarcOffset { get; init; }
}

/// <summary>How a fetched URL ended, written in the same transaction as the WARC length that holds its records.</summary>
public sealed record Completion
{
    public required string Url { get; init; }
    public required string State { get; init; }
    public int Attempts { get; init; }
    public string? Error { get; init; }
    public string? FinalUrl { get; init; }
    public string? Canonical { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public string? WarcFile { get; init; }
    public long? WarcOffset { get; init; }
    /// <summary>What the URL turned out to be when that differs from how it was queued (a page URL that answered with a feed); null keeps its kind.</summary>
    public string? Kind { get; init; }
}

/// <summary>What one visit ended with, for a group commit: its URLs' completions, the redirect targets it reached, the URLs it revealed, and those handed over.</summary>
public sealed record CompletedVisit(IReadOnlyList<Completion> Completions, IEnumerable<NewUrl> Discovered,
    IEnumerable<NewUrl>? ReachedByRedirect = null, IEnumerable<NewUrl>? HandOver = null);
