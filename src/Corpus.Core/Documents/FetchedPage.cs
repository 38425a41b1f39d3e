namespace Corpus.Core.Documents;

/// <summary>
/// One raw HTTP exchange as a source produced it (a live crawl or a WARC record): what extraction starts from.
/// A page that could not be fetched still exists, with <see cref="Error"/> set, so it is counted.
/// </summary>
public sealed record FetchedPage
{
    /// <summary>The URL that was asked for, normalised.</summary>
    public required string Url { get; init; }
    /// <summary>The URL that answered after redirects.</summary>
    public string? FinalUrl { get; init; }
    public int Status { get; init; }
    public string? ContentType { get; init; }
    public ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>The response's Content-Language header, when the source kept it: language evidence beside the page's own.</summary>
    public string? ContentLanguage { get; init; }
    public required DateTimeOffset FetchedAt { get; init; }
    public string? WarcFile { get; init; }
    public long? WarcOffset { get; init; }
    /// <summary>Set when the fetch itself failed (timeout, refused, 404 ...).</summary>
    public string? Error { get; init; }
}
