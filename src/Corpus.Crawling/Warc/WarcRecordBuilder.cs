using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Corpus.Crawling.Warc;

/// <summary>Builds the bytes of one WARC/1.1 record: version line, named fields, a blank line, the block, two CRLFs.</summary>
public static class WarcRecordBuilder
{
    /// <summary>The record head is written here first (per thread), then copied once into the record.</summary>
    [ThreadStatic] private static byte[]? t_head;

    public static string NewRecordId() => string.Create(47, Guid.NewGuid(), static (chars, id) =>
    {
        "<urn:uuid:".CopyTo(chars);
        id.TryFormat(chars[10..], out _);
        chars[^1] = '>';
    });

    /// <summary>WARC-Date per WARC 1.1: UTC, ISO 8601, with sub-second precision kept to microseconds.</summary>
    public static string FormatDate(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Serialize(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> block) =>
        Serialize(fields, block, default);

    /// <summary>A record whose block is <paramref name="first"/> then <paramref name="second"/> (an HTTP head and its body), written without joining them first.</summary>
    public static byte[] Serialize(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var blockLength = first.Length + second.Length;
        var head = t_head ??= new byte[2048];
        var n = 0;
        Put(ref head, ref n, "WARC/1.1\r\n"u8);
        foreach (var (name, value) in fields)
        {
            PutText(ref head, ref n, name);
            Put(ref head, ref n, ": "u8);
            var start = n;
            PutText(ref head, ref n, value);
            // A field value may not hold a bare line break; fold it to a space rather than corrupt the record.
            foreach (ref var b in head.AsSpan(start, n - start))
                if (b is (byte)'\r' or (byte)'\n') b = (byte)' ';
            Put(ref head, ref n, "\r\n"u8);
        }
        Put(ref head, ref n, "Content-Length: "u8);
        Reserve(ref head, n, 24);
        Utf8Formatter.TryFormat(blockLength, head.AsSpan(n), out var digits);
        n += digits;
        Put(ref head, ref n, "\r\n\r\n"u8);
        t_head = head;
        var bytes = new byte[n + blockLength + 4];
        head.AsSpan(0, n).CopyTo(bytes);
        first.CopyTo(bytes.AsSpan(n));
        second.CopyTo(bytes.AsSpan(n + first.Length));
        "\r\n\r\n"u8.CopyTo(bytes.AsSpan(n + blockLength));
        return bytes;
    }

    private static void Reserve(ref byte[] buffer, int used, int more)
    {
        if (used + more > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + more));
    }

    private static void Put(ref byte[] buffer, ref int used, ReadOnlySpan<byte> bytes)
    {
        Reserve(ref buffer, used, bytes.Length);
        bytes.CopyTo(buffer.AsSpan(used));
        used += bytes.Length;
    }

    private static void PutText(ref byte[] buffer, ref int used, string text)
    {
        Reserve(ref buffer, used, Encoding.UTF8.GetMaxByteCount(text.Length));
        used += Encoding.UTF8.GetBytes(text, buffer.AsSpan(used));
    }
}
