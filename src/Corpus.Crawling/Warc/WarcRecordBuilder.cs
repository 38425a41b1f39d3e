using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Corpus.Crawling.Warc;

/// <summary>Builds the bytes of one WARC/1.1 record: version line, named fields, a blank line, the block, two CRLFs.</summary>
public static class WarcRecordBuilder
{
    /// <summary>The record head is written here first (per thread), then copied once into the record.</summary>
    [ThreadStatic] private static byte[]? t_head;

    /// <summary>Random bytes for record ids, drawn per thread 32 ids at a time (one system call instead of one per id).</summary>
    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_randomUsed;

    /// <summary>A <c>&lt;urn:uuid:...&gt;</c> of a random (version 4) UUID, as <see cref="Guid.NewGuid"/> makes it.</summary>
    public static string NewRecordId()
    {
        var random = t_random ??= new byte[16 * 32];
        if (t_randomUsed == 0 || t_randomUsed == random.Length)
        {
            RandomNumberGenerator.Fill(random);
            t_randomUsed = 0;
        }
        Span<byte> bytes = stackalloc byte[16];
        random.AsSpan(t_randomUsed, 16).CopyTo(bytes);
        t_randomUsed += 16;
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);   // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return string.Create(47, new Guid(bytes), static (chars, id) =>
        {
            "<urn:uuid:".CopyTo(chars);
            id.TryFormat(chars[10..], out _);
            chars[^1] = '>';
        });
    }

    /// <summary>WARC-Date per WARC 1.1: UTC, ISO 8601, with sub-second precision kept to microseconds (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>).</summary>
    public static string FormatDate(DateTimeOffset at) => string.Create(27, at.UtcDateTime, static (c, t) =>
    {
        Digits(c[..4], t.Year);
        c[4] = '-';
        Digits(c.Slice(5, 2), t.Month);
        c[7] = '-';
        Digits(c.Slice(8, 2), t.Day);
        c[10] = 'T';
        Digits(c.Slice(11, 2), t.Hour);
        c[13] = ':';
        Digits(c.Slice(14, 2), t.Minute);
        c[16] = ':';
        Digits(c.Slice(17, 2), t.Second);
        c[19] = '.';
        Digits(c.Slice(20, 6), (int)(t.Ticks % TimeSpan.TicksPerSecond / 10));   // truncated, as "ffffff" is
        c[26] = 'Z';
    });

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10) into[i] = (char)('0' + value % 10);
    }

    public static byte[] Serialize(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> block) =>
        Serialize(fields, block, default);

    /// <summary>A record whose block is <paramref name="first"/> then <paramref name="second"/> (an HTTP head and its body), written without joining them first.</summary>
    public static byte[] Serialize(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var n = Head(fields, first.Length + second.Length);
        var bytes = new byte[n + first.Length + second.Length + 4];
        Compose(bytes, n, first, second);
        return bytes;
    }

    /// <summary>
    /// The same record, compressed straight into <paramref name="members"/>: composed in a buffer the thread keeps, so a
    /// record that is compressed at once is never an array of its own.
    /// </summary>
    public static void Serialize(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, WarcMembers members)
    {
        var n = Head(fields, first.Length + second.Length);
        var length = n + first.Length + second.Length + 4;
        var record = t_record is { } kept && kept.Length >= length ? kept : new byte[Math.Max(length, 1 << 14)];
        Compose(record, n, first, second);
        members.Add(record.AsSpan(0, length));
        // A thread keeps a record buffer of up to 1 MB; a larger record's buffer is let go.
        t_record = record.Length <= 1 << 20 ? record : null;
    }

    [ThreadStatic] private static byte[]? t_record;

    /// <summary>Writes the version line, the fields and Content-Length into <see cref="t_head"/>; returns its length.</summary>
    private static int Head(IEnumerable<KeyValuePair<string, string>> fields, int blockLength)
    {
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
        return n;
    }

    /// <summary>Head (from <see cref="t_head"/>), block and the closing CRLFs into <paramref name="into"/>.</summary>
    private static void Compose(byte[] into, int headLength, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        t_head.AsSpan(0, headLength).CopyTo(into);
        first.CopyTo(into.AsSpan(headLength));
        second.CopyTo(into.AsSpan(headLength + first.Length));
        "\r\n\r\n"u8.CopyTo(into.AsSpan(headLength + first.Length + second.Length));
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
