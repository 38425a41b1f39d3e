using System.Globalization;
using Corpus.Benchmarks.Harness;
using Corpus.Text.Promos;
using Corpus.Cleaning.Quality;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;
using Corpus.Extraction;
using Corpus.Extraction.Evaluation;
using Corpus.Extraction.Files;

namespace Corpus.Benchmarks;

/// <summary>
/// <c>gopher [DEV_DIR] [ROUNDS] [COPIES]</c>: the Gopher repetition stage (13 rules) per document, next to the
/// extraction step on the same pages in the same run. The documents are the ScrapingHub dev pages' extracted texts
/// (181 pages); <c>COPIES</c> repeats each text within itself (default 1) to show how the rules grow with length.
/// Contenders, single-threaded, taking turns round after round, fastest round kept:
/// (a) extraction of the pages (the yardstick the target is set against), (b) the stage as first written (a string per
/// word and per n-gram; kept here as <see cref="LegacyRepetitionRules"/>), (c) the stage as it is.
/// </summary>
public static class GopherBenchmark
{
    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "eval", "extraction-scrapinghub");
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var copies = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var truth = BenchmarkFiles.Read(Path.Combine(dir, "ground-truth.json"));
        var pages = HtmlFiles.Expand([Path.Combine(dir, "html")])
            .Select(f => (Key: HtmlFiles.KeyOf(f), Bytes: HtmlFiles.ReadBytes(f)))
            .Where(p => truth.ContainsKey(p.Key)).ToList();
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default));
        FetchedPage Page((string Key, byte[] Bytes) p) => new()
            { Url = truth[p.Key].Url ?? "http://example.test/", Status = 200, ContentType = "text/html", Body = p.Bytes, FetchedAt = DateTimeOffset.UnixEpoch };
        var documents = pages.Select(p => extractor.Extract(Page(p)))
            .Select(d => d with { Text = string.Join("\n", Enumerable.Repeat(d.Text, copies)) }).ToList();
        var n = documents.Count;
        var chars = documents.Sum(d => (long)d.Text.Length);

        var stage = QualityStages.GopherRepetition(new GopherRepetitionSettings());
        var legacy = new QualityStage(stage.Name, LegacyRepetitionRules.Create());
        var verdicts = new string?[2][];
        var contenders = new (string Name, Action Work)[]
        {
            ("extraction (yardstick)", () => { foreach (var p in pages) extractor.Extract(Page(p)); }),
            ("gopher repetition, as first written", () => verdicts[0] = documents.Select(d => legacy.Process(d) is var x && x.IsKept ? null : $"{x.ExclusionRule}={x.ExclusionValue}").ToArray()),
            ("gopher repetition, now", () => verdicts[1] = documents.Select(d => stage.Process(d) is var x && x.IsKept ? null : $"{x.ExclusionRule}={x.ExclusionValue}").ToArray()),
        };
        var best = new Measurement?[contenders.Length];
        for (var round = 0; round < rounds; round++)
            for (var c = 0; c < contenders.Length; c++)
            {
                var m = Measurement.Run(contenders[c].Name, n, contenders[c].Work, repeats: 1);
                if (best[c] is null || m.Seconds < best[c]!.Seconds) best[c] = m;
            }
        var (extraction, before, now) = (best[0]!, best[1]!, best[2]!);
        Report.Print($"Gopher repetition, {n} extracted ScrapingHub texts ({chars / n:N0} characters each on average), single-threaded", [extraction, before, now], "docs");
        Report.Ratio("gopher before / extraction", before, extraction);
        Report.Ratio("gopher now / extraction", now, extraction);
        Report.Ratio("gopher now / before", now, before);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- allocated per document: before {0:N0} B, now {1:N0} B",
            before.AllocatedPerItem, now.AllocatedPerItem));
        var same = verdicts[0]!.SequenceEqual(verdicts[1]!);
        Console.WriteLine($"- same verdicts before and now: {same} ({verdicts[1]!.Count(v => v is not null)} of {n} excluded)");
        return same ? 0 : 1;
    }
}
