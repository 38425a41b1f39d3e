using System.Net;

namespace Corpus.Crawling.Fetching;

/// <summary>
/// One HTTP request and its response as they crossed the wire: what a WARC request/response record pair holds.
/// <see cref="Payload"/> is the entity body still content-encoded (as archives keep it).
/// </summary>
public sealed record Exchange
{
    public required Uri Url { get; init; }
    public required DateTimeOffset At { get; init; }
    public required byte[] RequestHead { get; init; }
    public required byte[] ResponseHead { get; init; }
    public required byte[] Payload { get; init; }
    public required int Status { get; init; }
    public IPAddress? Address { get; init; }
    public string? ContentType { get; init; }
    public string? ContentEncoding { get; init; }
    public string? Location { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// How a fetch ended. <see cref="Hops"/> are the redirects followed (each an exchange), <see cref="Final"/> the last
/// response if there was one. <see cref="Error"/> says why there is no usable page; <see cref="Body"/> is the decoded
/// body of a successful fetch.
/// </summary>
public sealed record FetchOutcome
{
    public required string RequestedUrl { get; init; }
    public IReadOnlyList<Exchange> Hops { get; init; } = [];
    public Exchange? Final { get; init; }
    public byte[]? Body { get; init; }
    public string? Error { get; init; }
    public int Attempts { get; init; } = 1;
    /// <summary>The server asked to be left alone for this long (429/503 Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>The SSRF guard refused the address: a decision of this crawl, not a failure of the host worth asking again.</summary>
    public bool AddressRefused { get; init; }
    public bool NotModified => Final?.Status == 304;
    public bool Succeeded => Error is null && Final is { Status: >= 200 and < 300 };
}
