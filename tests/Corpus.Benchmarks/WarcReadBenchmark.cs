using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Corpus.Benchmarks.Harness;
using Corpus.Crawling.Warc;

namespace Corpus.Benchmarks;

/// <summary>
/// <c>warc-read [PAGES] [--rounds R] [--file F.warc.gz]</c>: reading a <c>.warc.gz</c> (synthetic news pages, a
/// request/response pair per page, one gzip member per record, as a crawl writes them; or any file given) next to
/// <c>zcat</c> of the same file (the floor: inflating alone): the reader with a <see cref="DeflateStream"/> per member
/// (its path before it called the runtime's zlib directly, and still its fallback), <see cref="WarcReader"/> (records),
/// and <see cref="WarcPageSource"/> (pages: HTTP parsed, body ready). The contenders take turns for R rounds; in each,
/// a contender reads the file as many times as make about a second of CPU, so the process's CPU clock
/// (<c>getrusage</c>, which counts its GC and JIT threads too) measures more than its own granularity. Throughput is
/// MB of gzip per CPU-second, median and range of the rounds; allocation is per page against the page's HTML bytes.
/// </summary>
public static class WarcReadBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var pages = 5000;
        var rounds = 5;
        string? given = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i], Inv);
            else if (args[i] == "--file" && i + 1 < args.Length) given = Path.GetFullPath(args[++i]);
            else if (int.TryParse(args[i], NumberStyles.None, Inv, out var p)) pages = p;
            else
            {
                Console.Error.WriteLine("usage: warc-read [PAGES] [--rounds R] [--file F.warc.gz]");
                return 1;
            }
        }
        var dir = Path.Combine(Path.GetTempPath(), "corpus-warcread-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string file;
            if (given is null)
            {
                Directory.CreateDirectory(dir);
                SyntheticWarc.Write(dir, pages, 1);
                file = Directory.GetFiles(dir, "*.warc.gz").Single();
            }
            else file = given;
            var mb = new FileInfo(file).Length / 1e6;
            // Pages and their HTML as the build sees them (every response with a body).
            pages = 0;
            long html = 0;
            foreach (var page in new WarcPageSource([file]).ReadAsync(default).ToBlockingEnumerable())
            {
                pages++;
                html += page.Body.Length;
            }
            if (pages == 0) throw new InvalidOperationException($"{file} holds no pages");
            var htmlPerPage = (double)html / pages;
            Console.WriteLine(string.Format(Inv, "{0}: {1} pages, {2:0.0} MB gzip, {3:0.0} MB HTML, {4:0} B of HTML per page",
                given ?? "synthetic", pages, mb, html / 1e6, htmlPerPage));

            var records = 0;
            var read = 0;
            var contenders = new (string Name, Action Read)[]
            {
                ("WarcReader, a DeflateStream per member (before)", () => records = WarcReader.Read(file, managedInflater: true).Count()),
                ("WarcReader (records, one reset zlib inflater)", () => records = WarcReader.Read(file).Count()),
                ("WarcPageSource (pages, HTTP parsed)", () =>
                {
                    read = 0;
                    foreach (var page in new WarcPageSource([file]).ReadAsync(default).ToBlockingEnumerable()) read++;
                }),
            };
            // Warm-up, and how many reads make about a second of CPU for each.
            var repeats = contenders.Select(c =>
            {
                c.Read();
                var cpu = Environment.CpuUsage.TotalTime;
                c.Read();
                return Math.Clamp((int)Math.Ceiling(1.0 / Math.Max(1e-3, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds)), 1, 50);
            }).ToArray();
            var zcat = new List<double>();
            var throughput = contenders.Select(_ => new List<double>()).ToArray();
            var allocated = contenders.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                zcat.Add(mb / Zcat(file));
                for (var c = 0; c < contenders.Length; c++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var cpu = Environment.CpuUsage.TotalTime;
                    var bytes = GC.GetTotalAllocatedBytes(precise: true);
                    for (var r = 0; r < repeats[c]; r++) contenders[c].Read();
                    var seconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
                    allocated[c].Add((double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / repeats[c] / pages);
                    throughput[c].Add(mb * repeats[c] / seconds);
                }
            }
            if (read != pages) throw new InvalidOperationException($"read {read} pages of {pages}");

            Console.WriteLine();
            Console.WriteLine(string.Format(Inv, "WARC read: {0} pages ({1} records), {2:0.0} MB gzip, {3} rounds taking turns; load average {4}; machine shared with other engineers' builds",
                pages, records, mb, rounds, LoadAverage()));
            Console.WriteLine();
            Console.WriteLine("| reader | reads per round | MB gzip per CPU-second, median | range | allocated per page | per page's HTML bytes |");
            Console.WriteLine("|---|---:|---:|---|---:|---:|");
            Console.WriteLine(string.Format(Inv, "| zcat (floor) | 1 | {0:0.0} | {1:0.0}–{2:0.0} | – | – |", RoundFigures.Median(zcat), zcat.Min(), zcat.Max()));
            for (var c = 0; c < contenders.Length; c++)
                Console.WriteLine(string.Format(Inv, "| {0} | {1} | {2:0.0} | {3:0.0}–{4:0.0} | {5:N0} B | {6:0.00}x |",
                    contenders[c].Name, repeats[c], RoundFigures.Median(throughput[c]), throughput[c].Min(), throughput[c].Max(),
                    RoundFigures.Median(allocated[c]), RoundFigures.Median(allocated[c]) / htmlPerPage));
            Console.WriteLine();
            Console.WriteLine(string.Format(Inv, "- WarcReader / zcat: {0:0.00}x; WarcPageSource / zcat: {1:0.00}x; WarcReader / before: {2:0.00}x (medians); WarcReader per round: {3}",
                RoundFigures.Median(throughput[1]) / RoundFigures.Median(zcat), RoundFigures.Median(throughput[2]) / RoundFigures.Median(zcat),
                RoundFigures.Median(throughput[1]) / RoundFigures.Median(throughput[0]), string.Join(" / ", throughput[1].Select(t => t.ToString("0.0", Inv)))));
            return 0;
        }
        finally
        {
            try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>CPU seconds of one <c>zcat</c> of the file to /dev/null, as <c>/usr/bin/time</c> reports it.</summary>
    private static double Zcat(string file)
    {
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-f", "%e %U %S", "sh", "-c", $"zcat '{file}' > /dev/null" }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var parts = err.Trim().Split('\n')[^1].Split(' ');
        return double.Parse(parts[1], Inv) + double.Parse(parts[2], Inv);
    }
}
