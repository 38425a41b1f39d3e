using System.Globalization;
using System.Text;
using Corpus.Crawling.Fetching;

namespace Corpus.Crawling.Warc;

/// <summary>The HTTP response inside a WARC <c>response</c> record: status, headers and the entity body as sent.</summary>
public sealed record HttpResponseBlock(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Payload)
{
    public string? Header(string name)
    {
        for (var i = 0; i < Headers.Count; i++)
            if (string.Equals(Headers[i].Key, name, StringComparison.OrdinalIgnoreCase)) return Headers[i].Value;
        return null;
    }

    public static HttpResponseBlock Parse(ReadOnlyMemory<byte> block)
    {
        var span = block.Span;
        var end = span.IndexOf("\r\n\r\n"u8);
        var sep = 4;
        if (end < 0) { end = span.IndexOf("\n\n"u8); sep = 2; }
        if (end < 0) throw new FormatException("HTTP response head is not terminated");
        // Line by line over the bytes (Latin-1, as HTTP heads are): no copy of the whole head as text.
        var head = span[..end];
        var at = 0;
        var statusLine = NextLine(head, ref at);
        if (!statusLine.StartsWith("HTTP/"u8) || statusLine.IndexOf((byte)' ') is var sp && sp < 0
            || !TryStatus(statusLine[(sp + 1)..], out var status))
            throw new FormatException($"not an HTTP status line: '{Encoding.Latin1.GetString(statusLine)}'");
        var headers = new List<KeyValuePair<string, string>>(16);
        while (at < head.Length)
        {
            var line = NextLine(head, ref at);
            var colon = line.IndexOf((byte)':');
            if (colon > 0) headers.Add(new(Encoding.Latin1.GetString(line[..colon].Trim(" \t"u8)), Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8))));
        }
        var payload = block[(end + sep)..];
        var result = new HttpResponseBlock(status, headers, payload);
        if (result.Header("Transfer-Encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            && Dechunk(payload.Span) is { } plain)
            result = result with { Payload = plain };
        return result;
    }

    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> head, ref int at)
    {
        var rest = head[at..];
        var nl = rest.IndexOf((byte)'\n');
        var line = nl < 0 ? rest : rest[..nl];
        at += nl < 0 ? rest.Length : nl + 1;
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

    private static bool TryStatus(ReadOnlySpan<byte> rest, out int status)
    {
        status = 0;
        var sp = rest.IndexOf((byte)' ');
        var code = sp < 0 ? rest : rest[..sp];
        if (code.Length is 0 or > 9) return false;
        foreach (var b in code)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            status = status * 10 + (b - '0');
        }
        return true;
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
