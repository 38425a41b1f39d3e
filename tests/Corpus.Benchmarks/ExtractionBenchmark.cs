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
/// single-threaded, after warm-up, in one run:
/// (a) decoding and parsing each page with AngleSharp only (the floor), (b) our extractor, (c) SmartReader 0.11.1 (the
/// .NET Readability port) on the same decoded text. Pages are read into memory first, so no contender pays for disk.
/// Usage: <c>extraction [DEV_DIR[,DEV_DIR...]] [ROUNDS]</c>; allocation per page is in each row.
/// Peak working set is reset before each contender (Linux <c>/proc/self/clear_refs</c>) so each row shows its own peak.
/// </summary>
public static class ExtractionBenchmark
{
    public static int Run(string[] args)
    {
        var dirs = args.Length > 0 ? args[0].Split(',')
            : [Path.Combine("..", "shared", "eval", "extraction-scrapinghub"), Path.Combine("..", "shared", "eval", "extraction-readability")];
        foreach (var dir in dirs) RunSet(dir, args);
        return 0;
    }

    private static void RunSet(string dir, string[] args)
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

        // This machine is shared: the contenders take turns, round after round, and each keeps its fastest round,
        // so a burst of load from elsewhere does not land on one contender only.
        var contenders = new (string Name, Action Work)[]
        {
            ("AngleSharp parse only (floor)", () =>
            {
                var parser = new HtmlParser();
                foreach (var p in pages) parser.ParseDocument(CharsetDecoder.Decode(p.Bytes, "text/html").Text).Dispose();
            }),
            ("Corpus extractor", () =>
            {
                foreach (var p in pages) extractor.Extract(Page(p));
            }),
            ("SmartReader 0.11.1", () =>
            {
                foreach (var p in pages) new SmartReader.Reader(truth[p.Key].Url ?? "http://example.test/", CharsetDecoder.Decode(p.Bytes, "text/html").Text).GetArticle();
            }),
        };
        var best = new Measurement?[contenders.Length];
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        for (var round = 0; round < rounds; round++)
            for (var c = 0; c < contenders.Length; c++)
            {
                ResetPeak();
                var m = Measurement.Run(contenders[c].Name, n, contenders[c].Work, repeats: 1);
                if (best[c] is null || m.Seconds < best[c]!.Seconds) best[c] = m with { PeakWorkingSetBytes = Math.Max(m.PeakWorkingSetBytes, best[c]?.PeakWorkingSetBytes ?? 0) };
            }
        var (floor, ours, smart) = (best[0]!, best[1]!, best[2]!);

        Report.Print($"Main-content extraction, {n} pages of {setName}, single-threaded", [floor, ours, smart], "pages");
        Report.Ratio("ours / parse-only floor", ours, floor);
        Report.Ratio("SmartReader / ours", smart, ours);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- throughput: ours {0:0.00}x SmartReader's", ours.ItemsPerSecond / smart.ItemsPerSecond));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- by CPU time of the best rounds: ours / floor {0:0.00}x, SmartReader / ours {1:0.00}x",
            ours.CpuSeconds / floor.CpuSeconds, smart.CpuSeconds / ours.CpuSeconds));

        // Quality of the same runs' outputs, so speed is never read without it.
        var oursText = pages.ToDictionary(p => p.Key, p => extractor.Extract(Page(p)).Text);
        var smartText = pages.ToDictionary(p => p.Key, p =>
            new SmartReader.Reader(truth[p.Key].Url ?? "http://example.test/", CharsetDecoder.Decode(p.Bytes, "text/html").Text).GetArticle().TextContent ?? "");
        foreach (var (name, texts) in new[] { ("Corpus extractor", oursText), ("SmartReader 0.11.1", smartText) })
        {
            var s = ExtractionScorer.Score(truth, texts);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- quality {0}: F1 {1:0.000}  precision {2:0.000}  recall {3:0.000}", name, s.F1, s.Precision, s.Recall));
        }
    }

    private static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
