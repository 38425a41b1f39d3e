using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Corpus.Benchmarks.Harness;
using Corpus.Crawling.Warc;

namespace Corpus.Benchmarks;

/// <summary>
/// Reading a <c>.warc.gz</c> of synthetic news pages (a request/response pair per page, one gzip member per record,
/// as a crawl writes them): <c>zcat</c> of the same file (the floor: inflating alone), the reader with a
/// <see cref="DeflateStream"/> per member (its path before it called the runtime's zlib directly, and still its
/// fallback), <see cref="WarcReader"/> (records), and <see cref="WarcPageSource"/> (pages: HTTP parsed, body ready). Throughput is MB of gzip per
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
            var before = Measurement.Run("WarcReader, a DeflateStream per member (before)", pages, () => records = WarcReader.Read(file, managedInflater: true).Count());
            var after = Measurement.Run("WarcReader (records, one reset zlib inflater)", pages, () => records = WarcReader.Read(file).Count());
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
}
