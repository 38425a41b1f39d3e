using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Corpus.Benchmarks.Harness;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Serving;

namespace Corpus.Benchmarks;

/// <summary>
/// The crawler (frontier in SQLite, robots.txt, per-host politeness with no delay, redirect/SSRF checks, WARC writing)
/// over 5 000 pages on 50 loopback hosts, next to a plain HttpClient loop fetching the same URLs with the same
/// concurrency and nothing else. Both talk to the same in-process servers, so the difference is the crawler's own cost.
/// </summary>
public static class CrawlBenchmark
{
    /// <summary>One measured run (no warm-up: the rounds are warmed up once, together).</summary>
    private static Measurement Once(string name, int items, Action work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        work();
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
        process.Refresh();
        return new Measurement(name, items, clock.Elapsed.TotalSeconds, allocated, process.PeakWorkingSet64, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    public static int Run(string[] args)
    {
        // crawl [hosts] [pages per host] [--repeats N] [--crawler-only] [--rounds N]: --crawler-only runs the crawler alone
        // (for a profiler); --rounds runs crawler and plain loop by turns, N times each, and reports the median CPU per page
        // of each and the median of the rounds' ratios, so a change in the machine's load falls on both contenders alike.
        var crawlerOnly = args.Contains("--crawler-only");
        var repeatsAt = Array.IndexOf(args, "--repeats");
        var repeats = repeatsAt >= 0 ? int.Parse(args[repeatsAt + 1], CultureInfo.InvariantCulture) : 1;
        var roundsAt = Array.IndexOf(args, "--rounds");
        var rounds = roundsAt >= 0 ? int.Parse(args[roundsAt + 1], CultureInfo.InvariantCulture) : 0;
        var numbers = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (repeatsAt < 0 || i != repeatsAt + 1) && (roundsAt < 0 || i != roundsAt + 1)).ToList();
        var hostsCount = numbers.Count > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 50;
        var perHost = numbers.Count > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 100;
        const int concurrency = 8;
        var root = Path.Combine(Path.GetTempPath(), "corpus-crawl-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var site = Path.Combine(root, "site");
        Directory.CreateDirectory(site);
        var filler = string.Join(' ', Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", 60));
        var sitemap = new StringBuilder("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (var i = 0; i < perHost; i++)
        {
            File.WriteAllText(Path.Combine(site, $"p{i:000}.html"),
                $"<html><head><meta charset=\"utf-8\"><title>Page {i}</title></head><body><article><h1>Page {i}</h1><p>{filler}</p></article></body></html>");
            sitemap.Append($"<url><loc>p{i:000}.html</loc></url>");
        }
        File.WriteAllText(Path.Combine(site, "sitemap.xml"), sitemap.Append("</urlset>").ToString());

        var servers = Enumerable.Range(0, hostsCount).Select(_ => new StaticSiteServer(site)).ToList();
        var hosts = new HostMap();
        var names = Enumerable.Range(0, hostsCount).Select(h => $"h{h:00}.bench.test").ToList();
        for (var h = 0; h < hostsCount; h++) hosts.Add(names[h], servers[h].EndPoint, trusted: true);
        // Host-interleaved, as the crawler's scheduler takes hosts in turn, so the baseline does not queue on one server.
        var urls = Enumerable.Range(0, perHost).SelectMany(i => names.Select(n => $"http://{n}/p{i:000}.html")).ToList();
        var pages = urls.Count;
        try
        {
            var run = 0;
            var crawled = 0;
            void Crawl()
            {
                var options = new CrawlOptions
                {
                    Fetch = new FetchOptions { AllowPrivateNetworks = true, UserAgent = "CorpusBench/1.0", Retries = 2 },
                    Sitemaps = names.Select(n => $"http://{n}/sitemap.xml").ToList(),
                    AllowedHosts = new HashSet<string>(names),
                    MaxPages = pages,
                    Concurrency = concurrency,
                    PerHostConcurrency = 1,
                    MinDelay = TimeSpan.Zero,
                    WarcPrefix = "bench",
                };
                var summary = new WebCrawler(options, Path.Combine(root, $"crawl-{run++}"), hosts).RunAsync().GetAwaiter().GetResult();
                crawled = summary.Done - hostsCount;   // the sitemaps are done URLs too
                if (crawled != pages) throw new InvalidOperationException($"the crawler fetched {crawled} of {pages} pages");
            }

            void Plain()
            {
                using var handler = new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    ConnectCallback = async (ctx, ct) =>
                    {
                        hosts.TryGet(ctx.DnsEndPoint.Host, out var ep);
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        await socket.ConnectAsync(ep, ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    },
                };
                using var client = new HttpClient(handler);
                var ok = 0;
                Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (url, ct) =>
                {
                    var body = await client.GetByteArrayAsync(url, ct);
                    if (body.Length > 0) Interlocked.Increment(ref ok);
                }).GetAwaiter().GetResult();
                if (ok != pages) throw new InvalidOperationException($"the baseline fetched {ok} of {pages} pages");
            }

            if (rounds > 0)
            {
                Crawl();
                Plain();
                var byRound = new List<(Measurement Crawler, Measurement Plain)>();
                for (var r = 0; r < rounds; r++)
                    byRound.Add((Once("crawler", pages, Crawl), Once("plain", pages, Plain)));
                Console.WriteLine($"## Crawl: {pages} pages across {hostsCount} loopback hosts, concurrency {concurrency}, {rounds} rounds by turns");
                Console.WriteLine();
                Console.WriteLine("| round | crawler ms CPU/page | plain ms CPU/page | CPU ratio | crawler pages/s | plain pages/s | crawler B/page | plain B/page |");
                Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
                for (var r = 0; r < rounds; r++)
                {
                    var (c, p) = byRound[r];
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.000} | {2:0.000} | {3:0.00}x | {4:N0} | {5:N0} | {6:N0} | {7:N0} |",
                        r + 1, c.CpuSeconds * 1000 / pages, p.CpuSeconds * 1000 / pages, c.CpuSeconds / p.CpuSeconds, c.ItemsPerSecond, p.ItemsPerSecond, c.AllocatedPerItem, p.AllocatedPerItem));
                }
                Console.WriteLine();
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "- median CPU per page: crawler {0:0.000} ms, plain loop {1:0.000} ms; median of the rounds' CPU ratios: {2:0.00}x",
                    RoundFigures.Median(byRound.Select(b => b.Crawler.CpuSeconds * 1000 / pages)), RoundFigures.Median(byRound.Select(b => b.Plain.CpuSeconds * 1000 / pages)),
                    RoundFigures.Median(byRound.Select(b => b.Crawler.CpuSeconds / b.Plain.CpuSeconds))));
                return 0;
            }

            if (args.Contains("--allocations"))
            {
                // Which types the crawler allocates, sampled by the runtime's allocation ticks (one per ~100 KB).
                Crawl();
                using var ticks = new AllocationTicks();
                Crawl();
                foreach (var (type, bytes) in ticks.Top(30))
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,8:N0} B/page  {1}", bytes / pages, type));
                return 0;
            }
            var crawler = Measurement.Run("corpus crawler (robots, frontier, WARC)", pages, Crawl, repeats);
            if (crawlerOnly)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- {0}: {1:0.000} ms CPU per page, {2:N0} B/page",
                    crawler.Name, crawler.CpuSeconds * 1000 / pages, crawler.AllocatedPerItem));
                return 0;
            }

            var plain = Measurement.Run("plain HttpClient loop (baseline)", pages, Plain, repeats);

            Report.Print($"Crawl: {pages} pages across {hostsCount} loopback hosts, concurrency {concurrency}", [crawler, plain], "pages");
            foreach (var m in new[] { crawler, plain })
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- {0}: {1:0.000} ms CPU per page", m.Name, m.CpuSeconds * 1000 / pages));
            Report.Ratio("crawler / plain loop", crawler, plain);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- CPU per page, crawler / plain loop: {0:0.00}x", crawler.CpuSeconds / plain.CpuSeconds));
            return 0;
        }
        finally
        {
            foreach (var s in servers) s.DisposeAsync().AsTask().GetAwaiter().GetResult();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>Sums the runtime's GC allocation ticks (about one per 100 KB allocated) by type: where allocation goes.</summary>
internal sealed class AllocationTicks : System.Diagnostics.Tracing.EventListener
{
    private readonly Dictionary<string, long> _bytes = [];

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }

    public IReadOnlyList<(string Type, long Bytes)> Top(int n)
    {
        lock (_bytes) return _bytes.OrderByDescending(kv => kv.Value).Take(n).Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
