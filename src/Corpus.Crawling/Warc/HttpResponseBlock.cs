using System.Globalization;
using System.Text;
using Corpus.Crawling.Fetching;

namespace Corpus.Crawling.Warc;

/// <summary>The HTTP response inside a WARC <c>response</c> record: status, headers and the entity body as sent.</summary>
public sealed record HttpResponseBlock(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Payload)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static HttpResponseBlock Parse(ReadOnlyMemory<byte> block)
    {
        var span = block.Span;
        var end = span.IndexOf("\r\n\r\n"u8);
        var sep = 4;
        if (end < 0) { end = span.IndexOf("\n\n"u8); sep = 2; }
        if (end < 0) throw new FormatException("HTTP response head is not terminated");
        var head = Encoding.Latin1.GetString(span[..end]).Replace("\r\n", "\n").Split('\n');
        var statusParts = head[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            throw new FormatException($"not an HTTP status line: '{head[0]}'");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        var payload = block[(end + sep)..];
        var result = new HttpResponseBlock(status, headers, payload);
        if (result.Header("Transfer-Encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            && Dechunk(payload.Span) is { } plain)
            result = result with { Payload = plain };
        return result;
    }

    /// <summary>The body a page reader wants: transfer- and content-decoding undone, within the size cap.</summary>
    public ReadOnlyMemory<byte> DecodedBody(long maxBytes)
    {
        var encoding = Header("Content-Encoding")?.Trim();
        // No coding: the record's own bytes, not a copy.
        if (string.IsNullOrEmpty(encoding) || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)) return Payload;
        return ContentDecoder.Decode(Payload.Span, encoding, maxBytes);
    }

    // Some archives keep chunked framing in the record; a body that does not parse as chunks is taken as it is.
    private static byte[]? Dechunk(ReadOnlySpan<byte> body)
    {
        var output = new MemoryStream();
        var i = 0;
        while (i < body.Length)
        {
            var lineEnd = body[i..].IndexOf("\r\n"u8);
            if (lineEnd < 0) return null;
            var sizeText = Encoding.ASCII.GetString(body.Slice(i, lineEnd)).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size)) return null;
            i += lineEnd + 2;
            if (size == 0) return output.ToArray();
            if (i + size > body.Length) return null;
            output.Write(body.Slice(i, size));
            i += size + 2;
        }
        return null;
    }
}
