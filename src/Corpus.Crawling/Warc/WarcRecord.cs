namespace Corpus.Crawling.Warc;

/// <summary>
/// One WARC record: its named header fields (in order, names case-insensitive) and its content block.
/// <see cref="Offset"/> is where the record (or its gzip member) starts in the file.
/// </summary>
public sealed class WarcRecord
{
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }
    public required ReadOnlyMemory<byte> Block { get; init; }
    public string Version { get; init; } = "WARC/1.1";
    public long Offset { get; init; }
    public string? File { get; init; }

    public string? this[string name]
    {
        get
        {
            // A plain loop: this is asked several times per record, and a LINQ lookup allocated on every ask.
            for (var i = 0; i < Headers.Count; i++)
                if (string.Equals(Headers[i].Key, name, StringComparison.OrdinalIgnoreCase)) return Headers[i].Value;
            return null;
        }
    }

    public string Type => this["WARC-Type"] ?? "";
    public string? TargetUri => this["WARC-Target-URI"]?.Trim('<', '>');

    public DateTimeOffset? Date =>
        DateTimeOffset.TryParse(this["WARC-Date"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
}

/// <summary>Extension header fields Corpus adds to the records it writes, so a WARC alone rebuilds the same accounting.</summary>
public static class CorpusWarcFields
{
    /// <summary>What a response stands for: <c>page</c> (absent means page), <c>redirect</c> (a followed hop) or <c>discovery</c> (robots, sitemap, feed).</summary>
    public const string Role = "WARC-Corpus-Role";
    /// <summary>On the final response of a redirect chain: the URL that was asked for.</summary>
    public const string RequestedUri = "WARC-Corpus-Requested-URI";
    /// <summary>On a <c>metadata</c> record: why a URL ended without a page (timeout, robots, refused address ...).</summary>
    public const string Error = "WARC-Corpus-Error";
}
