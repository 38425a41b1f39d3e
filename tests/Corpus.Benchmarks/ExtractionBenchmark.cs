using System.Globalization;
using AngleSharp.Html.Parser;
using Corpus.Benchmarks.Harness;
using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Extraction.Evaluation;
using Corpus.Extraction.Files;

namespace Corpus.Benchmarks;

/// <summary>
/// Main-content extraction over the 181 ScrapingHub dev pages, single-threaded, after warm-up, in one run:
/// (a) decoding and parsing each page with AngleSharp only (the floor), (b) our extractor, (c) SmartReader 0.11.1 (the
/// .NET Readability port) on the same decoded text. Pages are read into memory first, so no contender pays for disk.
/// Peak working set is reset before each contender (Linux <c>/proc/self/clear_refs</c>) so each row shows its own peak.
/// </summary>
public static class ExtractionBenchmark
{
    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "eval", "extraction-scrapinghub");
        var truth = BenchmarkFiles.Read(Path.Combine(dir, "ground-truth.json"));
        var pages = HtmlFiles.Expand([Path.Combine(dir, "html")])
            .Select(f => (Key: HtmlFiles.KeyOf(f), Bytes: HtmlFiles.ReadBytes(f)))
            .Where(p => truth.ContainsKey(p.Key)).ToList();
        var n = pages.Count;
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default));
        FetchedPage Page((string Key, byte[] Bytes) p) => new()
            { Url = truth[p.Key].Url ?? "http://example.test/", Status = 200, ContentType = "text/html", Body = p.Bytes, FetchedAt = DateTimeOffset.UnixEpoch };

        ResetPeak();
        var floor = Measurement.Run("AngleSharp parse only (floor)", n, () =>
        {
            var parser = new HtmlParser();
            foreach (var p in pages) parser.ParseDocument(CharsetDecoder.Decode(p.Bytes, "text/html").Text).Dispose();
        });
        ResetPeak();
        var ours = Measurement.Run("Corpus extractor", n, () =>
        {
            foreach (var p in pages) extractor.Extract(Page(p));
        });
        ResetPeak();
        var smart = Measurement.Run("SmartReader 0.11.1", n, () =>
        {
            foreach (var p in pages) new SmartReader.Reader(truth[p.Key].Url ?? "http://example.test/", CharsetDecoder.Decode(p.Bytes, "text/html").Text).GetArticle();
        });

        Report.Print($"Main-content extraction, {n} ScrapingHub pages, single-threaded", [floor, ours, smart], "pages");
        Report.Ratio("ours / parse-only floor", ours, floor);
        Report.Ratio("SmartReader / ours", smart, ours);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- throughput: ours {0:0.00}x SmartReader's", ours.ItemsPerSecond / smart.ItemsPerSecond));

        // Quality of the same runs' outputs, so speed is never read without it.
        var oursText = pages.ToDictionary(p => p.Key, p => extractor.Extract(Page(p)).Text);
        var smartText = pages.ToDictionary(p => p.Key, p =>
            new SmartReader.Reader(truth[p.Key].Url ?? "http://example.test/", CharsetDecoder.Decode(p.Bytes, "text/html").Text).GetArticle().TextContent ?? "");
        foreach (var (name, texts) in new[] { ("Corpus extractor", oursText), ("SmartReader 0.11.1", smartText) })
        {
            var s = ExtractionScorer.Score(truth, texts);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- quality {0}: F1 {1:0.000}  precision {2:0.000}  recall {3:0.000}", name, s.F1, s.Precision, s.Recall));
        }
        return 0;
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
