using System.Globalization;
using Corpus.Benchmarks.Harness;
using Corpus.Text.Promos;
using Corpus.Cleaning.Quality;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;
using Corpus.Extraction;
using Corpus.Extraction.Evaluation;
using Corpus.Extraction.Files;
using Corpus.Testing;

namespace Corpus.Benchmarks;

/// <summary>
/// <c>gopher [DEV_DIR | synthetic:N] [ROUNDS] [COPIES]</c>: the Gopher repetition stage (13 rules) and the other
/// quality rules (Gopher quality, the C4 line pass and rules, FineWeb) per document, next to the extraction step on the
/// same pages in the same run. The documents are the ScrapingHub dev pages' extracted texts (181 pages), or with
/// <c>synthetic:N</c> the first N of the pipeline benchmark's generated news pages; <c>COPIES</c> repeats each text
/// within itself (default 1) to show how the rules grow with length.
/// Contenders, single-threaded, taking turns round after round, fastest round kept:
/// (a) extraction of the pages (the yardstick the target is set against), (b) the repetition stage as first written
/// (a string per word and per n-gram; kept here as <see cref="LegacyRepetitionRules"/>), (c) the stage as it is,
/// (d) the other quality stages as first written (a string per word and per line, <c>QualityReference</c>), (e) them now.
/// </summary>
public static class GopherBenchmark
{
    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "eval", "extraction-scrapinghub");
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var copies = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var synthetic = dir.StartsWith("synthetic:", StringComparison.Ordinal);
        var truth = synthetic ? null : BenchmarkFiles.Read(Path.Combine(dir, "ground-truth.json"));
        var pages = synthetic
            ? Enumerable.Range(0, int.Parse(dir["synthetic:".Length..], CultureInfo.InvariantCulture))
                .Select(i => SyntheticNewsPages.Make(i)).Select(p => (Key: p.Url, Bytes: System.Text.Encoding.UTF8.GetBytes(p.Html))).ToList()
            : HtmlFiles.Expand([Path.Combine(dir, "html")])
                .Select(f => (Key: HtmlFiles.KeyOf(f), Bytes: HtmlFiles.ReadBytes(f)))
                .Where(p => truth!.ContainsKey(p.Key)).ToList();
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default));
        FetchedPage Page((string Key, byte[] Bytes) p) => new()
            { Url = synthetic ? p.Key : truth![p.Key].Url ?? "http://example.test/", Status = 200, ContentType = "text/html", Body = p.Bytes, FetchedAt = DateTimeOffset.UnixEpoch };
        // The quality rules see a document's language (the stop-word rule). The generated pages are Indonesian but for
        // every 8th, English; the ScrapingHub pages are English.
        string LanguageOf(string text) => !synthetic || text.Contains(" the ", StringComparison.Ordinal) ? "en" : "id";
        var documents = pages.Select(p => extractor.Extract(Page(p)))
            .Select(d => d with { Text = string.Join("\n", Enumerable.Repeat(d.Text, copies)), Language = LanguageOf(d.Text) }).ToList();
        var n = documents.Count;
        var chars = documents.Sum(d => (long)d.Text.Length);

        var stage = QualityStages.GopherRepetition(new GopherRepetitionSettings());
        var legacy = new QualityStage(stage.Name, LegacyRepetitionRules.Create());
        var quality = new QualitySettings();
        var others = QualityStages.Create(quality with { GopherRepetition = quality.GopherRepetition with { Enabled = false } }, ["id", "en"]);
        var othersLegacy = LegacyQualityStages(quality);
        var verdicts = new string?[4][];
        string? Verdict(Document x) => x.IsKept ? null : $"{x.ExclusionRule}={x.ExclusionValue}";
        static Document Through(IReadOnlyList<Corpus.Core.Pipeline.IDocumentStage> stages, Document d)
        {
            foreach (var s in stages)
            {
                d = s.Process(d);
                if (!d.IsKept) break;
            }
            return d;
        }
        var contenders = new (string Name, Action Work)[]
        {
            ("extraction (yardstick)", () => { foreach (var p in pages) extractor.Extract(Page(p)); }),
            ("gopher repetition, as first written", () => verdicts[0] = documents.Select(d => Verdict(legacy.Process(d))).ToArray()),
            ("gopher repetition, now", () => verdicts[1] = documents.Select(d => Verdict(stage.Process(d))).ToArray()),
            ("gopher quality + C4 + FineWeb, as first written", () => verdicts[2] = documents.Select(d => Through(othersLegacy, d) is var x ? $"{Verdict(x)}|{x.Text.Length}" : null).ToArray()),
            ("gopher quality + C4 + FineWeb, now", () => verdicts[3] = documents.Select(d => Through(others, d) is var x ? $"{Verdict(x)}|{x.Text.Length}" : null).ToArray()),
        };
        var best = new Measurement?[contenders.Length];
        for (var round = 0; round < rounds; round++)
            for (var c = 0; c < contenders.Length; c++)
            {
                var m = Measurement.Run(contenders[c].Name, n, contenders[c].Work, repeats: 1);
                if (best[c] is null || m.Seconds < best[c]!.Seconds) best[c] = m;
            }
        var (extraction, before, now, otherBefore, otherNow) = (best[0]!, best[1]!, best[2]!, best[3]!, best[4]!);
        var what = synthetic ? "generated news" : "ScrapingHub";
        Report.Print($"Quality rules, {n} extracted {what} texts ({chars / n:N0} characters each on average), single-threaded", [extraction, before, now, otherBefore, otherNow], "docs");
        Report.Ratio("gopher before / extraction", before, extraction);
        Report.Ratio("gopher now / extraction", now, extraction);
        Report.Ratio("gopher now / before", now, before);
        Report.Ratio("other rules before / extraction", otherBefore, extraction);
        Report.Ratio("other rules now / extraction", otherNow, extraction);
        Report.Ratio("other rules now / before", otherNow, otherBefore);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- allocated per document: repetition before {0:N0} B, now {1:N0} B; other rules before {2:N0} B, now {3:N0} B",
            before.AllocatedPerItem, now.AllocatedPerItem, otherBefore.AllocatedPerItem, otherNow.AllocatedPerItem));
        var same = verdicts[0]!.SequenceEqual(verdicts[1]!);
        var sameOthers = verdicts[2]!.SequenceEqual(verdicts[3]!);
        Console.WriteLine($"- same repetition verdicts before and now: {same} ({verdicts[1]!.Count(v => v is not null)} of {n} excluded)");
        Console.WriteLine($"- same other verdicts and texts before and now: {sameOthers} ({verdicts[3]!.Count(v => !v!.StartsWith('|'))} of {n} excluded)");
        return same && sameOthers ? 0 : 1;
    }

    /// <summary>The same stages as <see cref="QualityStages.Create"/> without repetition, made of the rules as first written.</summary>
    private static IReadOnlyList<Corpus.Core.Pipeline.IDocumentStage> LegacyQualityStages(QualitySettings q)
    {
        var (g, c, f) = (q.GopherQuality, q.C4, q.Fineweb);
        return
        [
            new QualityStage("quality.gopher_quality",
            [
                new QualityReference.WordCount(g.MinWords, g.MaxWords), new QualityReference.MeanWordLength(g.MinMeanWordLength, g.MaxMeanWordLength),
                new QualityReference.SymbolRatio(g.MaxSymbolWordRatio), new QualityReference.BulletLines(g.MaxBulletLinesRatio),
                new QualityReference.EllipsisLines(g.MaxEllipsisLinesRatio), new QualityReference.AlphaWords(g.MinAlphaWordsRatio),
                new QualityReference.StopWordCount(Corpus.Cleaning.Quality.Gopher.StopWords.Default, g.MinStopWords),
            ]),
            new LegacyC4Lines(new QualityReference.C4Lines(new(c.DropJavascriptLines, c.DropPolicyLines, c.TerminalPunctuation, (int)c.MinWordsPerLine))),
            new QualityStage("quality.c4",
                [.. c.DropLoremIpsum ? [new Corpus.Cleaning.Quality.C4.C4LoremIpsumRule()] : Array.Empty<IQualityRule>(),
                 .. c.DropCurlyBracket ? [new QualityReference.CurlyBracket()] : Array.Empty<IQualityRule>(),
                 new QualityReference.MinSentences(c.MinSentences)]),
            new QualityStage("quality.fineweb",
            [
                new QualityReference.LinePunctuation(f.MinLinePunctRatio), new QualityReference.ShortLines(f.MaxShortLineRatio, (int)f.ShortLineLength),
                new QualityReference.DuplicateLineChars(f.MaxDupLineCharRatio),
            ]),
        ];
    }

    private sealed class LegacyC4Lines(QualityReference.C4Lines filter) : Corpus.Core.Pipeline.IDocumentStage
    {
        public string Name => "c4.lines";
        public Document Process(Document document)
        {
            var text = filter.Filter(document.Text);
            return ReferenceEquals(text, document.Text) ? document : document with { Text = text };
        }
    }
}
