using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Corpus.Crawling.Warc;

/// <summary>
/// Streams the records of a <c>.warc</c> or <c>.warc.gz</c> file (WARC 1.0 and 1.1). A <c>.warc.gz</c> is a series
/// of gzip members, usually one record each (Common Crawl, and what <see cref="WarcWriter"/> writes); a member
/// holding several records is read too. Each record carries the offset of the member (or, uncompressed, of the
/// record) it starts in.
/// </summary>
public static class WarcReader
{
    /// <summary>A record larger than this is refused rather than loaded (a broken Content-Length, not a page).</summary>
    public const long MaxRecordBytes = 512L * 1024 * 1024;

    public static IEnumerable<WarcRecord> Read(string path)
    {
        var name = Path.GetFileName(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? ReadGzipLazy(path, name) : ReadPlainLazy(path, name);
    }

    private static IEnumerable<WarcRecord> ReadGzipLazy(string path, string name)
    {
        using var file = new BufferedStream(File.OpenRead(path), 1 << 16);
        foreach (var r in ReadGzip(file, name)) yield return r;
    }

    private static IEnumerable<WarcRecord> ReadPlainLazy(string path, string name)
    {
        using var file = new BufferedStream(File.OpenRead(path), 1 << 16);
        long offset = 0;
        while (true)
        {
            var record = ReadRecord(file, name, offset, out var length);
            if (record is null) yield break;
            offset += length;
            yield return record;
        }
    }

    private static IEnumerable<WarcRecord> ReadGzip(Stream file, string name)
    {
        var counter = new MemberBoundaryStream(file);
        while (true)
        {
            var memberStart = counter.Consumed;
            var first = counter.ReadByteCounted();
            if (first < 0) yield break;
            SkipGzipHeader(counter, first, name, memberStart);
            var member = new MemoryStream();
            try
            {
                using var inflater = new DeflateStream(counter, CompressionMode.Decompress, leaveOpen: true);
                var buffer = new byte[81920];
                int n;
                while ((n = inflater.Read(buffer)) > 0)
                {
                    member.Write(buffer, 0, n);
                    if (member.Length > MaxRecordBytes) throw new WarcFormatException(name, memberStart, "gzip member larger than the record limit.");
                }
            }
            catch (InvalidDataException e)
            {
                throw new WarcFormatException(name, memberStart, $"broken gzip member ({e.Message}).");
            }
            // CRC32 and ISIZE follow the deflate data.
            for (var i = 0; i < 8; i++)
                if (counter.ReadByteCounted() < 0)
                    throw new WarcFormatException(name, memberStart, "gzip member is truncated (the file was cut short).");
            member.Position = 0;
            while (member.Position < member.Length)
            {
                var record = ReadRecord(member, name, memberStart, out _);
                if (record is null) break;
                yield return record;
            }
        }
    }

    private static void SkipGzipHeader(MemberBoundaryStream s, int first, string name, long at)
    {
        int Next() => s.ReadByteCounted() is var b && b >= 0 ? b : throw new WarcFormatException(name, at, "gzip header is truncated.");
        if (first != 0x1f || Next() != 0x8b) throw new WarcFormatException(name, at, "not a gzip member (a .warc.gz must be gzip throughout).");
        if (Next() != 8) throw new WarcFormatException(name, at, "gzip member is not deflate-compressed.");
        var flags = Next();
        for (var i = 0; i < 6; i++) Next(); // mtime, xfl, os
        if ((flags & 4) != 0)
        {
            var xlen = Next() | (Next() << 8);
            for (var i = 0; i < xlen; i++) Next();
        }
        if ((flags & 8) != 0) while (Next() != 0) { }
        if ((flags & 16) != 0) while (Next() != 0) { }
        if ((flags & 2) != 0) { Next(); Next(); }
    }

    /// <summary>Reads one record at the stream's position; null at a clean end. <paramref name="length"/> is the bytes it spanned.</summary>
    private static WarcRecord? ReadRecord(Stream s, string name, long reportOffset, out long length)
    {
        length = 0;
        string? version;
        // Tolerate stray blank lines between records.
        do
        {
            version = ReadLine(s, ref length);
            if (version is null) return null;
        } while (version.Length == 0);
        if (!version.StartsWith("WARC/", StringComparison.Ordinal))
            throw new WarcFormatException(name, reportOffset, $"expected a WARC version line, found '{Shorten(version)}'.");
        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            var line = ReadLine(s, ref length) ?? throw new WarcFormatException(name, reportOffset, "record header is truncated.");
            if (line.Length == 0) break;
            if ((line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                // A continuation line (WARC 1.0 allowed folding).
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new WarcFormatException(name, reportOffset, $"header line without a name: '{Shorten(line)}'.");
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        var lengthField = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        if (!long.TryParse(lengthField, NumberStyles.None, CultureInfo.InvariantCulture, out var contentLength) || contentLength > MaxRecordBytes)
            throw new WarcFormatException(name, reportOffset, $"record has no usable Content-Length ('{lengthField}').");
        var block = new byte[contentLength];
        var read = 0;
        while (read < contentLength)
        {
            var n = s.Read(block, read, (int)(contentLength - read));
            if (n == 0) throw new WarcFormatException(name, reportOffset, "record block is truncated.");
            read += n;
        }
        length += contentLength;
        // The two CRLFs that end a record.
        for (var i = 0; i < 4; i++)
        {
            var b = s.ReadByte();
            if (b < 0) break;
            length++;
        }
        return new WarcRecord { Headers = headers, Block = block, Version = version, Offset = reportOffset, File = name };
    }

    private static string? ReadLine(Stream s, ref long length)
    {
        var bytes = new List<byte>(64);
        while (true)
        {
            var b = s.ReadByte();
            if (b < 0) return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
            length++;
            if (b == '\n') break;
            bytes.Add((byte)b);
            if (bytes.Count > 1 << 20) throw new InvalidDataException("header line too long");
        }
        if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
