using System.Diagnostics;
using System.Globalization;
using AngleSharp.Html.Parser;
using Corpus.Benchmarks.Harness;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Extraction.Evaluation;
using Corpus.Extraction.Files;
using Corpus.Text.Promos;

namespace Corpus.Benchmarks;

/// <summary>
/// Main-content extraction over each extraction dev set (the 181 ScrapingHub pages, then the 124 Readability pages),
/// single-threaded, in one process: (a) decoding and parsing each page with AngleSharp only (the floor), (b) our
/// extractor, fallback cascade included, (c) SmartReader 0.11.1 (the .NET Readability port) on the same decoded text,
/// and optionally (d) another build's extractor (<c>--baseline DIR</c>: its <c>Corpus.*</c> and AngleSharp
/// assemblies loaded side by side in their own load context). Pages are read into memory first, so no contender pays
/// for disk.
/// Usage: <c>extraction [DEV_DIR[,DEV_DIR...]] [ROUNDS] [--smart N] [--baseline DIR] [--order page|set] [--only floor|ours]</c>.
/// <para>
/// The machine is shared, so the contenders are interleaved <b>per page</b>: each page is parsed by the floor and
/// extracted by ours back to back (the order alternating from page to page and round to round), and each call's
/// thread CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>: time on a core, not time waiting for one), wall time and bytes
/// allocated are recorded. Load from elsewhere that lands on a page lands on both halves of its pair within
/// milliseconds. A round is one such pass over the set; the figure read is the median over rounds of the round's
/// ratio of sums (ours' CPU over the set / the floor's), with its quartiles and range; the pooled ratio of all rounds'
/// sums and the median page's ratio are printed beside it. Warm-up repeats passes until our pass's CPU settles
/// (tiered JIT), and the methods the JIT compiled during the timed rounds are counted, so a run that was still
/// compiling says so. <c>--order set</c> times each contender's pass over the whole set in turn instead (the earlier
/// harness's order: each contender's code and data stay hot through its pass, which the page order shares between
/// them). SmartReader is slow, so it runs in the first <c>N</c> rounds only (default 1).
/// <c>--only</c> runs one contender in a loop, for a profiler.
/// </para>
/// </summary>
public static class ExtractionBenchmark
{
    public static int Run(string[] args)
    {
        var positional = new List<string>();
        var smartRounds = 1;
        string? only = null, baseline = null;
        var wholeSet = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smart" && i + 1 < args.Length) smartRounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--only" && i + 1 < args.Length) only = args[++i];
            else if (args[i] == "--baseline" && i + 1 < args.Length) baseline = args[++i];
            else if (args[i] == "--order" && i + 1 < args.Length) wholeSet = args[++i] == "set";
            else positional.Add(args[i]);
        }
        var dirs = positional.Count > 0 ? positional[0].Split(',')
            : [Path.Combine("..", "shared", "eval", "extraction-scrapinghub"), Path.Combine("..", "shared", "eval", "extraction-readability")];
        var rounds = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 9;
        var other = baseline is null ? null : new BaselineExtractor(baseline);
        foreach (var dir in dirs) RunSet(dir, rounds, smartRounds, only, other, wholeSet);
        return 0;
    }

    /// <summary>One call's figures.</summary>
    private readonly record struct Call(double ThreadCpu, double Wall, long Allocated);

    private static void RunSet(string dir, int rounds, int smartRounds, string? only, BaselineExtractor? baseline, bool wholeSet)
    {
        var setName = Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'));
        var truth = BenchmarkFiles.Read(Path.Combine(dir, "ground-truth.json"));
        var pages = HtmlFiles.Expand([Path.Combine(dir, "html")])
            .Select(f => (Key: HtmlFiles.KeyOf(f), Bytes: HtmlFiles.ReadBytes(f)))
            .Where(p => truth.ContainsKey(p.Key)).ToList();
        var n = pages.Count;
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default));
        var fetched = pages.Select(p => new FetchedPage
            { Url = truth[p.Key].Url ?? "http://example.test/", Status = 200, ContentType = "text/html", Body = p.Bytes, FetchedAt = DateTimeOffset.UnixEpoch }).ToArray();
        var baselinePages = baseline is null ? null : pages.Select(p => baseline.Page(truth[p.Key].Url ?? "http://example.test/", p.Bytes)).ToArray();
        var parser = new HtmlParser();

        // Each contender is one call on page i; the same work whoever runs first.
        var contenders = new List<(string Name, Action<int> Work)>
        {
            ("AngleSharp parse only (floor)", i => parser.ParseDocument(CharsetDecoder.Decode(pages[i].Bytes, "text/html").Text).Dispose()),
            ("Corpus extractor", i => extractor.Extract(fetched[i])),
        };
        if (baseline is not null) contenders.Add(($"baseline ({baseline.Directory})", i => baseline.Extract(baselinePages![i])));
        void Smart(int i) => new SmartReader.Reader(truth[pages[i].Key].Url ?? "http://example.test/", CharsetDecoder.Decode(pages[i].Bytes, "text/html").Text).GetArticle();

        if (only is not null)
        {
            var work = contenders[only == "floor" ? 0 : 1].Work;
            for (var r = 0; r < rounds; r++)
            {
                var cpu = RoundFigures.ThreadCpuSeconds();
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < n; i++) work(i);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1} round {2}: {3:0.00} ms/page wall, {4:0.00} ms/page thread CPU",
                    setName, only, r, clock.Elapsed.TotalMilliseconds / n, 1000 * (RoundFigures.ThreadCpuSeconds() - cpu) / n));
            }
            return;
        }

        // Warm-up: passes of every contender until our pass's CPU moves less than 3 % from the last (tiered
        // compilation has promoted what it will), at least 3 and at most 12 passes; SmartReader once.
        var warmups = 0;
        var lastOurs = double.MaxValue;
        while (warmups < 12)
        {
            warmups++;
            var ours = 0.0;
            for (var i = 0; i < n; i++)
                for (var c = 0; c < contenders.Count; c++)
                {
                    var call = Time(contenders[c].Work, i);
                    if (c == 1) ours += call.ThreadCpu;
                }
            var settled = Math.Abs(ours - lastOurs) < 0.03 * lastOurs;
            lastOurs = ours;
            if (warmups >= 3 && settled) break;
        }
        if (smartRounds > 0) for (var i = 0; i < n; i++) Smart(i);

        var all = contenders.Select(c => (c.Name, c.Work)).ToList();
        if (smartRounds > 0) all.Add(("SmartReader 0.11.1", Smart));
        // calls[c][r][i]: contender c's call on page i in round r (SmartReader only in its rounds).
        var calls = all.Select(_ => new List<Call[]>()).ToArray();
        var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTime = System.Runtime.JitInfo.GetCompilationTime();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var processCpu = process.TotalProcessorTime;
        var threadCpu = RoundFigures.ThreadCpuSeconds();
        for (var r = 0; r < rounds; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var count = r < smartRounds ? all.Count : contenders.Count;
            for (var c = 0; c < count; c++) calls[c].Add(new Call[n]);
            if (wholeSet)
            {
                // --order set: each contender's pass over the whole set in turn, the order rotating from round to round.
                for (var k = 0; k < count; k++)
                {
                    var c = (k + r) % count;
                    for (var i = 0; i < n; i++) calls[c][r][i] = Time(all[c].Work, i);
                }
                continue;
            }
            for (var i = 0; i < n; i++)
                for (var k = 0; k < count; k++)
                {
                    // The order rotates with the page and the round, so no contender always runs first (cache, GC debt).
                    var c = (k + i + r) % count;
                    calls[c][r][i] = Time(all[c].Work, i);
                }
        }
        var timedThreadCpu = RoundFigures.ThreadCpuSeconds() - threadCpu;
        process.Refresh();
        var timedProcessCpu = (process.TotalProcessorTime - processCpu).TotalSeconds;
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods;
        var jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds;

        Console.WriteLine($"## Main-content extraction, {n} pages of {setName}, single-threaded, {rounds} rounds interleaved per {(wholeSet ? "set" : "page")} ({warmups} warm-up passes)");
        Console.WriteLine();
        Console.WriteLine("| contender | rounds | pages/s by thread CPU (median round) | thread CPU ms/page (median round) | wall ms/page (median round) | allocated/page |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var c = 0; c < all.Count; c++)
        {
            var roundCpu = calls[c].Select(round => round.Sum(x => x.ThreadCpu)).ToArray();
            var roundWall = calls[c].Select(round => round.Sum(x => x.Wall)).ToArray();
            var alloc = RoundFigures.Median(calls[c].Select(round => (double)round.Sum(x => x.Allocated))) / n;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:N1} | {3:0.000} | {4:0.000} | {5:N0} B |",
                all[c].Name, calls[c].Count, n / RoundFigures.Median(roundCpu), 1000 * RoundFigures.Median(roundCpu) / n,
                1000 * RoundFigures.Median(roundWall) / n, alloc));
        }
        Console.WriteLine();
        Ratio("ours / parse-only floor", calls[1], calls[0], n);
        if (baseline is not null) Ratio("ours / baseline", calls[1], calls[2], n);
        if (baseline is not null) Ratio("baseline / parse-only floor", calls[2], calls[0], n);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- allocated per page beyond the floor: {0:N0} B",
            (RoundFigures.Median(calls[1].Select(round => (double)round.Sum(x => x.Allocated))) - RoundFigures.Median(calls[0].Select(round => (double)round.Sum(x => x.Allocated)))) / n));
        if (smartRounds > 0)
        {
            var s = all.Count - 1;
            var smartCpu = calls[s].Sum(round => round.Sum(x => x.ThreadCpu));
            var smartWall = calls[s].Sum(round => round.Sum(x => x.Wall));
            var oursCpu = calls[1].Take(calls[s].Count).Sum(round => round.Sum(x => x.ThreadCpu));
            var oursWall = calls[1].Take(calls[s].Count).Sum(round => round.Sum(x => x.Wall));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "- throughput: ours {0:0.00}x SmartReader's by thread CPU, {1:0.00}x by wall (the {2} round(s) SmartReader ran in)",
                smartCpu / oursCpu, smartWall / oursWall, calls[s].Count));
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "- timed rounds: thread CPU {0:0.00} s, process CPU {1:0.00} s (GC and JIT threads too); the JIT compiled {2} methods in them ({3:0} ms)",
            timedThreadCpu, timedProcessCpu, jitted, jitMs));

        // Quality of the same runs' outputs, so speed is never read without it.
        var oursText = pages.Select((p, i) => (p.Key, Text: extractor.Extract(fetched[i]).Text)).ToDictionary(x => x.Key, x => x.Text);
        var texts = new List<(string Name, Dictionary<string, string> Texts)> { ("Corpus extractor", oursText) };
        if (baseline is not null)
        {
            var baseText = pages.Select((p, i) => (p.Key, Text: baseline.Text(baselinePages![i]))).ToDictionary(x => x.Key, x => x.Text);
            texts.Add(("baseline", baseText));
            Console.WriteLine($"- text identical to the baseline's on {pages.Count(p => oursText[p.Key] == baseText[p.Key])} of {n} pages");
        }
        if (smartRounds > 0)
            texts.Add(("SmartReader 0.11.1", pages.ToDictionary(p => p.Key, p =>
                new SmartReader.Reader(truth[p.Key].Url ?? "http://example.test/", CharsetDecoder.Decode(p.Bytes, "text/html").Text).GetArticle().TextContent ?? "")));
        foreach (var (name, t) in texts)
        {
            var s = ExtractionScorer.Score(truth, t);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- quality {0}: F1 {1:0.000}  precision {2:0.000}  recall {3:0.000}", name, s.F1, s.Precision, s.Recall));
        }
        Console.WriteLine();
    }

    /// <summary>
    /// Prints a ratio of two contenders measured in the same rounds, by thread CPU and by wall: the median over rounds
    /// of the round's ratio of sums, its quartiles and range, the pooled ratio of all rounds, and the median page.
    /// </summary>
    private static void Ratio(string label, List<Call[]> top, List<Call[]> bottom, int n)
    {
        foreach (var (clock, pick) in new (string, Func<Call, double>)[] { ("thread CPU", x => x.ThreadCpu), ("wall", x => x.Wall) })
        {
            var perRound = top.Zip(bottom, (t, b) => t.Sum(pick) / b.Sum(pick)).ToArray();
            var sorted = perRound.Order().ToArray();
            var pooled = top.Sum(t => t.Sum(pick)) / bottom.Sum(b => b.Sum(pick));
            // Each page's median ratio over the rounds, then the median page.
            var perPage = Enumerable.Range(0, n).Select(i => RoundFigures.Median(top.Zip(bottom, (t, b) => pick(t[i]) / pick(b[i])))).ToArray();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "- {0} ({1}): median round {2:0.000}x, quartiles {3:0.000}-{4:0.000}x, range {5:0.000}-{6:0.000}x; pooled {7:0.000}x; median page {8:0.000}x; rounds: {9}",
                label, clock, RoundFigures.Median(perRound), Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted[0], sorted[^1], pooled,
                RoundFigures.Median(perPage), string.Join(" ", perRound.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))));
        }
    }

    private static double Quantile(double[] sorted, double q)
    {
        var at = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(at);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }

    private static Call Time(Action<int> work, int page)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = RoundFigures.ThreadCpuSeconds();
        var wall = Stopwatch.GetTimestamp();
        work(page);
        var elapsed = Stopwatch.GetElapsedTime(wall).TotalSeconds;
        var thread = RoundFigures.ThreadCpuSeconds() - cpu;
        return new Call(thread, elapsed, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
