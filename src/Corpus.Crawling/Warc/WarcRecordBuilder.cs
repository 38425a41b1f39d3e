using System.Globalization;
using System.Text;

namespace Corpus.Crawling.Warc;

/// <summary>Builds the bytes of one WARC/1.1 record: version line, named fields, a blank line, the block, two CRLFs.</summary>
public static class WarcRecordBuilder
{
    public static string NewRecordId() => $"<urn:uuid:{Guid.NewGuid()}>";

    /// <summary>WARC-Date per WARC 1.1: UTC, ISO 8601, with sub-second precision kept to microseconds.</summary>
    public static string FormatDate(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Serialize(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> block) =>
        Serialize(fields, block, default);

    /// <summary>A record whose block is <paramref name="first"/> then <paramref name="second"/> (an HTTP head and its body), written without joining them first.</summary>
    public static byte[] Serialize(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var blockLength = first.Length + second.Length;
        var head = new StringBuilder("WARC/1.1\r\n", 512);
        foreach (var (name, value) in fields)
        {
            // A field value may not hold a bare line break; fold it to a space rather than corrupt the record.
            head.Append(name).Append(": ");
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0) head.Append(value.Replace('\r', ' ').Replace('\n', ' '));
            else head.Append(value);
            head.Append("\r\n");
        }
        head.Append("Content-Length: ").Append(blockLength).Append("\r\n\r\n");
        var headLength = Encoding.UTF8.GetByteCount(head.ToString());
        var bytes = new byte[headLength + blockLength + 4];
        Encoding.UTF8.GetBytes(head.ToString(), bytes);
        first.CopyTo(bytes.AsSpan(headLength));
        second.CopyTo(bytes.AsSpan(headLength + first.Length));
        "\r\n\r\n"u8.CopyTo(bytes.AsSpan(headLength + blockLength));
        return bytes;
    }
}
