using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Corpus.Benchmarks.Harness;
using Corpus.Crawling.Warc;

namespace Corpus.Benchmarks;

/// <summary>
/// Reading a <c>.warc.gz</c> of synthetic news pages (a request/response pair per page, one gzip member per record,
/// as a crawl writes them): <c>zcat</c> of the same file (the floor: inflating alone), the reader as it was before
/// (the inflater fed one byte at a time to find member ends, kept here as the baseline), <see cref="WarcReader"/>
/// (records), and <see cref="WarcPageSource"/> (pages: HTTP parsed, body ready). Throughput is MB of gzip per
/// CPU-second; allocation is per response record against the page's HTML bytes.
/// </summary>
public static class WarcReadBenchmark
{
    public static int Run(string[] args)
    {
        var pages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var dir = Path.Combine(Path.GetTempPath(), "corpus-warcread-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var written = SyntheticWarc.Write(dir, pages, 1);
            var file = Directory.GetFiles(dir, "*.warc.gz").Single();
            var mb = written.CompressedBytes / 1e6;
            var htmlPerPage = (double)written.HtmlBytes / pages;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} pages, {1:0.0} MB gzip, {2:0.0} MB HTML, {3:0} B of HTML per page", pages, mb, written.HtmlBytes / 1e6, htmlPerPage));

            var zcat = Zcat(file);
            var records = 0;
            var before = Measurement.Run("reader before (byte-fed inflater)", pages, () => records = PreviousReader.Read(file).Count());
            var after = Measurement.Run("WarcReader (records)", pages, () => records = WarcReader.Read(file).Count());
            var read = 0;
            var source = Measurement.Run("WarcPageSource (pages, HTTP parsed)", pages, () =>
            {
                read = 0;
                foreach (var page in new WarcPageSource([file]).ReadAsync(default).ToBlockingEnumerable()) read += page.Body.Length > 0 ? 1 : 0;
            });
            if (read != pages) throw new InvalidOperationException($"read {read} pages of {pages}");

            Console.WriteLine();
            Console.WriteLine($"WARC read: {pages} pages ({records} records), {mb:0.0} MB gzip; machine shared with other engineers' builds");
            Console.WriteLine();
            Console.WriteLine("| reader | MB gzip per CPU-second | wall s | CPU s | allocated per page | per page's HTML bytes |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| zcat (floor) | {0:0.0} | {1:0.000} | {2:0.000} | – | – |", mb / zcat.Cpu, zcat.Wall, zcat.Cpu));
            foreach (var m in new[] { before, after, source })
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.0} | {2:0.000} | {3:0.000} | {4:N0} B | {5:0.00}x |",
                    m.Name, mb / m.CpuSeconds, m.Seconds, m.CpuSeconds, m.AllocatedPerItem, m.AllocatedPerItem / htmlPerPage));
            Console.WriteLine();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- WarcReader throughput / zcat: {0:0.00}x; WarcPageSource / zcat: {1:0.00}x; WarcReader / before: {2:0.0}x",
                zcat.Cpu / after.CpuSeconds, zcat.Cpu / source.CpuSeconds, before.CpuSeconds / after.CpuSeconds));
            return 0;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>zcat of the file to /dev/null, best of three, with its CPU time as /usr/bin/time reports it.</summary>
    private static (double Wall, double Cpu) Zcat(string file)
    {
        (double, double) best = (double.MaxValue, double.MaxValue);
        for (var i = 0; i < 4; i++)
        {
            var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-f", "%e %U %S", "sh", "-c", $"zcat '{file}' > /dev/null" }) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            var parts = err.Trim().Split('\n')[^1].Split(' ');
            var wall = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var cpu = double.Parse(parts[1], CultureInfo.InvariantCulture) + double.Parse(parts[2], CultureInfo.InvariantCulture);
            if (i > 0 && cpu < best.Item2) best = (wall, cpu);
        }
        return best;
    }

    /// <summary>The gzip path of the reader before this change, verbatim, as the baseline.</summary>
    private static class PreviousReader
    {
        public const long MaxRecordBytes = WarcReader.MaxRecordBytes;

        private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;

        public static IEnumerable<WarcRecord> Read(string path)
        {
            using var file = new BufferedStream(File.OpenRead(path), 1 << 16);
            foreach (var r in ReadGzip(file, Path.GetFileName(path))) yield return r;
        }

    private static IEnumerable<WarcRecord> ReadGzip(Stream file, string name)
    {
        var counter = new ByteFedStream(file);
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

    private static void SkipGzipHeader(ByteFedStream s, int first, string name, long at)
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

    }
}

internal sealed class ByteFedStream(Stream inner) : Stream
{
    public long Consumed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        var b = inner.ReadByte();
        if (b < 0) return 0;
        buffer[0] = (byte)b;
        Consumed++;
        return 1;
    }

    public int ReadByteCounted()
    {
        var b = inner.ReadByte();
        if (b >= 0) Consumed++;
        return b;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Consumed; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
