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

    public static byte[] Serialize(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> block)
    {
        var head = new StringBuilder("WARC/1.1\r\n");
        foreach (var (name, value) in fields)
        {
            // A field value may not hold a bare line break; fold it to a space rather than corrupt the record.
            head.Append(name).Append(": ").Append(value.Replace('\r', ' ').Replace('\n', ' ')).Append("\r\n");
        }
        head.Append("Content-Length: ").Append(block.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        var bytes = new byte[headBytes.Length + block.Length + 4];
        headBytes.CopyTo(bytes, 0);
        block.CopyTo(bytes.AsSpan(headBytes.Length));
        "\r\n\r\n"u8.CopyTo(bytes.AsSpan(headBytes.Length + block.Length));
        return bytes;
    }
}
