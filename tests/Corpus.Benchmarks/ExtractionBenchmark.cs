using System.Diagnostics;
using System.Globalization;
using AngleSharp.Html.Parser;
using Corpus.Benchmarks.Harness;
using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Extraction.Evaluation;
using Corpus.Extraction.Files;
using Corpus.Text.Promos;

namespace Corpus.Benchmarks;

/// <summary>
/// Main-content extraction over each extraction dev set (the 181 ScrapingHub pages, then the 124 Readability pages),
/// single-threaded, after warm-up, in one run: (a) decoding and parsing each page with AngleSharp only (the floor),
/// (b) our extractor, (c) SmartReader 0.11.1 (the .NET Readability port) on the same decoded text. Pages are read into
/// memory first, so no contender pays for disk.
/// Usage: <c>extraction [DEV_DIR[,DEV_DIR...]] [ROUNDS] [--smart N] [--only floor|ours]</c>.
/// <para>
/// The machine is shared, so one round is one pass of the floor and one of ours over the whole set, back to back (the
/// order alternates from round to round), and the figure read is the median over rounds of each round's ratio: load
/// from elsewhere that lands on a round lands on both of its halves. Besides wall time each pass records its thread's
/// CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>: time on a core, not time waiting for one) and the process's (GC and
/// JIT threads too), and the bytes allocated. SmartReader runs in <c>N</c> of the rounds (default 3; it is slow).
/// <c>--only</c> runs one contender in a loop, for a profiler.
/// </para>
/// </summary>
public static class ExtractionBenchmark
{
    public static int Run(string[] args)
    {
        var positional = new List<string>();
        var smartRounds = 3;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smart" && i + 1 < args.Length) smartRounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--only" && i + 1 < args.Length) only = args[++i];
            else positional.Add(args[i]);
        }
        var dirs = positional.Count > 0 ? positional[0].Split(',')
            : [Path.Combine("..", "shared", "eval", "extraction-scrapinghub"), Path.Combine("..", "shared", "eval", "extraction-readability")];
        var rounds = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 9;
        foreach (var dir in dirs) RunSet(dir, rounds, smartRounds, only);
        return 0;
    }

    /// <summary>One pass of one contender over the set.</summary>
    private sealed record Pass(double Wall, double ThreadCpu, double ProcessCpu, long Allocated);

    private static void RunSet(string dir, int rounds, int smartRounds, string? only)
    {
        var setName = Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'));
        var truth = BenchmarkFiles.Read(Path.Combine(dir, "ground-truth.json"));
        var pages = HtmlFiles.Expand([Path.Combine(dir, "html")])
            .Select(f => (Key: HtmlFiles.KeyOf(f), Bytes: HtmlFiles.ReadBytes(f)))
            .Where(p => truth.ContainsKey(p.Key)).ToList();
        var n = pages.Count;
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default));
        FetchedPage Page((string Key, byte[] Bytes) p) => new()
            { Url = truth[p.Key].Url ?? "http://example.test/", Status = 200, ContentType = "text/html", Body = p.Bytes, FetchedAt = DateTimeOffset.UnixEpoch };
        var parser = new HtmlParser();

        void Floor()
        {
            foreach (var p in pages) parser.ParseDocument(CharsetDecoder.Decode(p.Bytes, "text/html").Text).Dispose();
        }
        void Ours()
        {
            foreach (var p in pages) extractor.Extract(Page(p));
        }
        void Smart()
        {
            foreach (var p in pages) new SmartReader.Reader(truth[p.Key].Url ?? "http://example.test/", CharsetDecoder.Decode(p.Bytes, "text/html").Text).GetArticle();
        }

        if (only is not null)
        {
            Action work = only == "floor" ? Floor : Ours;
            for (var r = 0; r < rounds; r++)
            {
                var pass = Measure(work);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1} round {2}: {3:0.00} ms/page wall, {4:0.00} ms/page thread CPU",
                    setName, only, r, 1000 * pass.Wall / n, 1000 * pass.ThreadCpu / n));
            }
            return;
        }

        // Warm-up: every contender's code reaches its optimised tier before anything is timed.
        for (var w = 0; w < 3; w++) { Floor(); Ours(); }
        Smart();

        var floor = new List<Pass>();
        var ours = new List<Pass>();
        var smart = new List<Pass>();
        var smartEvery = Math.Max(1, rounds / Math.Max(1, smartRounds));
        for (var r = 0; r < rounds; r++)
        {
            if (r % 2 == 0)
            {
                floor.Add(Measure(Floor));
                ours.Add(Measure(Ours));
            }
            else
            {
                ours.Add(Measure(Ours));
                floor.Add(Measure(Floor));
            }
            if (smartRounds > 0 && r % smartEvery == 0 && smart.Count < smartRounds) smart.Add(Measure(Smart));
        }

        Console.WriteLine($"## Main-content extraction, {n} pages of {setName}, single-threaded, {rounds} interleaved rounds");
        Console.WriteLine();
        Console.WriteLine("| contender | pages/s (median) | wall ms/page (median) | thread CPU ms/page (median) | process CPU ms/page (median) | allocated/page |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, passes) in new[] { ("AngleSharp parse only (floor)", floor), ("Corpus extractor", ours), ("SmartReader 0.11.1", smart) })
        {
            if (passes.Count == 0) continue;
            var wall = RoundFigures.Median(passes.Select(p => p.Wall));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N1} | {2:0.00} | {3:0.00} | {4:0.00} | {5:N0} B |",
                name, n / wall, 1000 * wall / n, 1000 * RoundFigures.Median(passes.Select(p => p.ThreadCpu)) / n,
                1000 * RoundFigures.Median(passes.Select(p => p.ProcessCpu)) / n, RoundFigures.Median(passes.Select(p => (double)p.Allocated)) / n));
        }
        Console.WriteLine();
        var wallRatios = floor.Zip(ours, (f, o) => o.Wall / f.Wall).ToList();
        var cpuRatios = floor.Zip(ours, (f, o) => o.ThreadCpu / f.ThreadCpu).ToList();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "- ours / parse-only floor, per round (wall): median {0:0.00}x, range {1:0.00}x-{2:0.00}x; rounds: {3}",
            RoundFigures.Median(wallRatios), wallRatios.Min(), wallRatios.Max(), string.Join(" ", wallRatios.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "- ours / parse-only floor, per round (thread CPU): median {0:0.00}x, range {1:0.00}x-{2:0.00}x",
            RoundFigures.Median(cpuRatios), cpuRatios.Min(), cpuRatios.Max()));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- allocated per page beyond the floor: {0:N0} B",
            (RoundFigures.Median(ours.Select(p => (double)p.Allocated)) - RoundFigures.Median(floor.Select(p => (double)p.Allocated))) / n));
        if (smart.Count > 0)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "- throughput: ours {0:0.00}x SmartReader's (median wall), {1:0.00}x by thread CPU",
                RoundFigures.Median(smart.Select(p => p.Wall)) / RoundFigures.Median(ours.Select(p => p.Wall)), RoundFigures.Median(smart.Select(p => p.ThreadCpu)) / RoundFigures.Median(ours.Select(p => p.ThreadCpu))));

        // Quality of the same runs' outputs, so speed is never read without it.
        var oursText = pages.ToDictionary(p => p.Key, p => extractor.Extract(Page(p)).Text);
        var smartText = pages.ToDictionary(p => p.Key, p =>
            new SmartReader.Reader(truth[p.Key].Url ?? "http://example.test/", CharsetDecoder.Decode(p.Bytes, "text/html").Text).GetArticle().TextContent ?? "");
        foreach (var (name, texts) in new[] { ("Corpus extractor", oursText), ("SmartReader 0.11.1", smartText) })
        {
            var s = ExtractionScorer.Score(truth, texts);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- quality {0}: F1 {1:0.000}  precision {2:0.000}  recall {3:0.000}", name, s.F1, s.Precision, s.Recall));
        }
        Console.WriteLine();
    }

    private static Pass Measure(Action work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var processBefore = process.TotalProcessorTime;
        var threadBefore = RoundFigures.ThreadCpuSeconds();
        var allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        work();
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        var thread = RoundFigures.ThreadCpuSeconds() - threadBefore;
        process.Refresh();
        return new Pass(clock.Elapsed.TotalSeconds, thread, (process.TotalProcessorTime - processBefore).TotalSeconds, allocated);
    }
}
