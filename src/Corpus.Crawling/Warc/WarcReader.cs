using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Corpus.Crawling.Warc;

/// <summary>
/// Streams the records of a <c>.warc</c> or <c>.warc.gz</c> file (WARC 1.0 and 1.1). A <c>.warc.gz</c> is a series
/// of gzip members, usually one record each (Common Crawl, and what <see cref="WarcWriter"/> writes); a member
/// holding several records is read too. Each record carries the offset of the member (or, uncompressed, of the
/// record) it starts in. A member is inflated into one reused buffer and each record's block is its only copy, so a
/// record costs about its own size in allocations.
/// </summary>
public static class WarcReader
{
    /// <summary>A record larger than this is refused rather than loaded (a broken Content-Length, not a page).</summary>
    public const long MaxRecordBytes = 512L * 1024 * 1024;

    public static IEnumerable<WarcRecord> Read(string path) => Read(path, managedInflater: false);

    /// <summary>
    /// <paramref name="managedInflater"/> reads gzip through a <see cref="DeflateStream"/> per member even where the
    /// runtime's zlib can be called directly (the path taken when it cannot; tests and the benchmark compare both).
    /// </summary>
    internal static IEnumerable<WarcRecord> Read(string path, bool managedInflater)
    {
        var name = Path.GetFileName(path);
        return !IsGzip(path) ? ReadPlainFile(path, name, 0)
            : NativeZlib.Available && !managedInflater ? ReadGzipNative(path, name, 0)
            : ReadGzipFile(path, name, 0);
    }

    /// <summary>The first record of the member (or, uncompressed, the record) at <paramref name="offset"/>.</summary>
    public static WarcRecord? ReadAt(string path, long offset)
    {
        var name = Path.GetFileName(path);
        var records = !IsGzip(path) ? ReadPlainFile(path, name, offset)
            : NativeZlib.Available ? ReadGzipNative(path, name, offset)
            : ReadGzipFile(path, name, offset);
        return records.FirstOrDefault();
    }

    private static bool IsGzip(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gz" + WarcWriter.OpenSuffix, StringComparison.OrdinalIgnoreCase);

    private static FileStream Open(string path, long offset)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        if (offset > 0) file.Seek(offset, SeekOrigin.Begin);
        return file;
    }

    /// <summary>The gzip members inflated by one reset zlib inflater (<see cref="GzipMemberReader"/>).</summary>
    private static IEnumerable<WarcRecord> ReadGzipNative(string path, string name, long offset)
    {
        using var file = Open(path, offset);
        using var members = new GzipMemberReader(file, name, offset);
        while (members.Next())
        {
            var at = 0;
            while (at < members.Length)
            {
                var record = ParseRecord(members.Member.AsSpan(0, members.Length), ref at, name, members.MemberStart);
                if (record is null) break;
                yield return record;
            }
        }
    }

    private static IEnumerable<WarcRecord> ReadGzipFile(string path, string name, long offset)
    {
        using var file = Open(path, offset);
        var input = new GzipMemberInput(file, offset);
        var member = new byte[1 << 16];
        Func<int> nextByte = input.ReadByteOrEnd;
        while (true)
        {
            var memberStart = input.Position64;
            var first = input.ReadByteOrEnd();
            if (first < 0) yield break;
            GzipHeader.Skip(first, nextByte, name, memberStart);
            input.BeginDeflate();
            var length = 0;
            try
            {
                using var inflater = new DeflateStream(input, CompressionMode.Decompress, leaveOpen: true);
                int n;
                while (true)
                {
                    if (length == member.Length)
                    {
                        if (member.Length >= MaxRecordBytes) throw new WarcFormatException(name, memberStart, "gzip member larger than the record limit.");
                        Array.Resize(ref member, member.Length * 2);
                    }
                    n = inflater.Read(member, length, member.Length - length);
                    if (n == 0) break;
                    length += n;
                }
            }
            catch (InvalidDataException e)
            {
                throw new WarcFormatException(name, memberStart, $"broken gzip member ({e.Message}).");
            }
            if (!input.EndMember(length))
                throw new WarcFormatException(name, memberStart, "gzip member is truncated (the file was cut short).");
            var at = 0;
            while (at < length)
            {
                var record = ParseRecord(member.AsSpan(0, length), ref at, name, memberStart);
                if (record is null) break;
                yield return record;
            }
        }
    }

    private static IEnumerable<WarcRecord> ReadPlainFile(string path, string name, long offset)
    {
        using var file = Open(path, offset);
        var input = new GzipMemberInput(file, offset);
        while (true)
        {
            var start = input.Position64;
            var record = ReadPlainRecord(input, name, start);
            if (record is null) yield break;
            yield return record;
        }
    }

    /// <summary>An uncompressed record: its head line by line, then its block.</summary>
    private static WarcRecord? ReadPlainRecord(GzipMemberInput input, string name, long offset)
    {
        var head = new MemoryStream();
        byte[]? line;
        // Tolerate stray blank lines between records.
        do
        {
            line = ReadLine(input);
            if (line is null) return null;
        } while (line.Length == 0);
        while (true)
        {
            head.Write(line);
            head.Write("\r\n"u8);
            if (line.Length == 0) break;
            if (head.Length > 1 << 20) throw new WarcFormatException(name, offset, "record header is too long.");
            line = ReadLine(input) ?? throw new WarcFormatException(name, offset, "record header is truncated.");
        }
        var at = 0;
        var (version, headers, contentLength) = ParseHead(head.ToArray(), ref at, name, offset, requireEnd: true);
        var block = new byte[contentLength];
        for (var i = 0; i < contentLength; i++)
        {
            var b = input.ReadByteOrEnd();
            if (b < 0) throw new WarcFormatException(name, offset, "record block is truncated.");
            block[i] = (byte)b;
        }
        // The two CRLFs that end a record belong to it.
        for (var i = 0; i < 4 && input.PeekByte() is (byte)'\r' or (byte)'\n'; i++) input.ReadByteOrEnd();
        return new WarcRecord { Headers = headers, Block = block, Version = version, Offset = offset, File = name };
    }

    private static byte[]? ReadLine(GzipMemberInput input)
    {
        var bytes = new List<byte>(64);
        while (true)
        {
            var b = input.ReadByteOrEnd();
            if (b < 0) return bytes.Count == 0 ? null : bytes.ToArray();
            if (b == '\n') break;
            bytes.Add((byte)b);
            if (bytes.Count > 1 << 20) throw new InvalidDataException("header line too long");
        }
        if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
        return bytes.ToArray();
    }

    /// <summary>Parses one record from an inflated member at <paramref name="at"/>; null at a clean end.</summary>
    private static WarcRecord? ParseRecord(ReadOnlySpan<byte> data, ref int at, string name, long offset)
    {
        // Tolerate stray blank lines between records.
        while (at < data.Length && data[at] is (byte)'\r' or (byte)'\n') at++;
        if (at >= data.Length) return null;
        var (version, headers, contentLength) = ParseHead(data, ref at, name, offset, requireEnd: true);
        if (at + contentLength > data.Length) throw new WarcFormatException(name, offset, "record block is truncated.");
        // Filled from the member at once, so the runtime need not zero it first.
        var block = GC.AllocateUninitializedArray<byte>((int)contentLength);
        data.Slice(at, (int)contentLength).CopyTo(block);
        at += (int)contentLength;
        var crlf = 0;
        while (crlf < 4 && at < data.Length && data[at] is (byte)'\r' or (byte)'\n') { at++; crlf++; }
        return new WarcRecord { Headers = headers, Block = block, Version = version, Offset = offset, File = name };
    }

    private static (string Version, List<KeyValuePair<string, string>> Headers, long ContentLength) ParseHead(
        ReadOnlySpan<byte> data, ref int at, string name, long offset, bool requireEnd)
    {
        var versionLine = NextLine(data, ref at, out var ended);
        if (!ended) throw new WarcFormatException(name, offset, "record header is truncated.");
        if (!versionLine.StartsWith("WARC/"u8))
            throw new WarcFormatException(name, offset, $"expected a WARC version line, found '{Shorten(Encoding.UTF8.GetString(versionLine))}'.");
        var version = WarcHeaderText.Version(versionLine);
        var headers = new List<KeyValuePair<string, string>>(12);
        long? contentLength = null;
        string? lengthField = null;
        while (true)
        {
            var line = NextLine(data, ref at, out ended);
            if (!ended) throw new WarcFormatException(name, offset, "record header is truncated.");
            if (line.Length == 0) break;
            if ((line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                // A continuation line (WARC 1.0 allowed folding).
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + Encoding.UTF8.GetString(line.Trim(" \t"u8)));
                continue;
            }
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) throw new WarcFormatException(name, offset, $"header line without a name: '{Shorten(Encoding.UTF8.GetString(line))}'.");
            // Names and the common values (record types, content types) are shared strings: a record's head costs
            // only the strings that differ from record to record.
            var key = WarcHeaderText.Name(line[..colon].Trim(" \t"u8));
            var valueBytes = line[(colon + 1)..].Trim(" \t"u8);
            var value = WarcHeaderText.Value(valueBytes);
            headers.Add(new(key, value));
            if (lengthField is null && key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                lengthField = value;
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var l)) contentLength = l;
            }
        }
        if (contentLength is not { } length || length > MaxRecordBytes)
            throw new WarcFormatException(name, offset, $"record has no usable Content-Length ('{lengthField}').");
        _ = requireEnd;
        return (version, headers, length);
    }

    /// <summary>The line at <paramref name="at"/> without its CR LF; <paramref name="found"/> is false at the end of the data.</summary>
    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> data, ref int at, out bool found)
    {
        found = at < data.Length;
        if (!found) return default;
        var rest = data[at..];
        var nl = rest.IndexOf((byte)'\n');
        var line = nl < 0 ? rest : rest[..nl];
        at += nl < 0 ? rest.Length : nl + 1;
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        return line;
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
