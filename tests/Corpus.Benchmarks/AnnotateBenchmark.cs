using System.Text.Json.Nodes;
using Corpus.Annotation;
using Corpus.Annotation.Counts;
using Corpus.Annotation.Language;
using Corpus.Annotation.Topics;
using Corpus.Benchmarks.Harness;
using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;
using Corpus.Extraction;
using Lingua;
using Corpus.Text.Promos;

namespace Corpus.Benchmarks;

/// <summary>
/// Annotation throughput on 3 KB documents (the project's own dev-set prose, joined per language and topic until a
/// document holds 3,000 characters): each annotation alone and all together, next to Lingua's default all-language
/// detector as the baseline, and extraction of the sample site's article pages for the "a quarter of extraction"
/// budget. Restricted contenders run first: peak working set only grows within a process, so the all-language
/// detectors, which load every language model, come last. Each round of a contender repeats its loop until the round
/// lasts at least the second argument's seconds (default 2; one loop over the documents took 0.04–0.9 s, too short for
/// a stable ratio on a shared machine). Lingua's all-language baselines, at 50–100 ms a document, read every 8th
/// document in single loops.
/// </summary>
public static class AnnotateBenchmark
{
    public static int Run(string[] args)
    {
        var devSet = args.Length > 0 && args[0].Length > 0 ? args[0] : "tests/Corpus.Tests/Annotation/Data/annotate-dev.jsonl";
        var roundSeconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
        Measurement Run(string name, int items, Action work) => Long(name, items, work, roundSeconds);
        var documents = ThreeKilobyteDocuments(devSet);
        var n = documents.Count;
        // The defaults of a standalone 'corpus annotate': every language, the shipped id/ms and topic models.
        var annotator = new Annotator([], new AnnotationSettings());
        var keywordTopics = new TopicClassifier(TopicModel.KeywordPriorsOnly, SectionDictionary.Default);
        var pages = SamplePages();
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default), 0.5);
        var counts = new CountsStage();
        var screenOnly = new LanguageIdentifier([]) { UseDiscriminator = false, CheckMixed = false };
        var screenAlways = new LanguageIdentifier([]) { UseDiscriminator = false, CheckMixed = false, ScreenMargin = 0, MinScreenTrigrams = 0, MinTrigramShare = 0 };
        // The first stage before the trigram screen: Lingua over every language on the same sampled pieces.
        var linguaSampled = new LanguageIdentifier([]) { UseScreen = false };
        // Before the document's confident pieces vouched for the others: Lingua reads every piece the screen is unsure of.
        var everyUnsurePiece = new LanguageIdentifier([]) { MinAgreeingTrigrams = int.MaxValue };
        // Warm the lazily loaded models so no contender pays another's loading.
        annotator.Annotate(documents[0]);
        screenOnly.Identify(documents[0].Text);
        everyUnsurePiece.Identify(documents[0].Text);

        var rows = new List<Measurement>
        {
            Run("extraction (sample article pages)", pages.Count, () => { foreach (var p in pages) extractor.Extract(p); }),
            Run("language: all languages, sampled, + id/ms discriminator + evidence + mixed", n, () => { foreach (var d in documents) annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url); }),
            Run("language: as before, Lingua on every piece the screen is unsure of, + id/ms + evidence + mixed", n, () => { foreach (var d in documents) everyUnsurePiece.Identify(d.Text, d.LanguageDeclared, d.Url); }),
            Run("language: first stage alone (trigram screen, Lingua among the few when close)", n, () => { foreach (var d in documents) screenOnly.Identify(d.Text); }),
            Run("language: trigram screen deciding every piece (no Lingua)", n, () => { foreach (var d in documents) screenAlways.Identify(d.Text); }),
            Run("language: id/ms discriminator alone", n, () => { foreach (var d in documents) IdMsDiscriminator.Default.LogOdds(d.Text); }),
            Run("topic: trained model (metadata + keyword priors + regression)", n, () => { foreach (var d in documents) annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url); }),
            Run("topic: keyword priors alone", n, () => { foreach (var d in documents) keywordTopics.Classify(d.Text, d.Title, d.Section, d.Url); }),
            Run("tokens: o200k exact, piece scanner + cache", n, () => { foreach (var d in documents) TokenCounter.Count(d.Text); }),
            Run("tokens: o200k, library CountTokens (baseline)", n, () => { foreach (var d in documents) TokenCounter.CountWithLibrary(d.Text); }),
            Run("counts stage (chars, words, lines, paragraphs, tokens)", n, () => { foreach (var d in documents) counts.Process(d); }),
            Run("all together (Annotator)", n, () => { foreach (var d in documents) annotator.Annotate(d); }),
        };
        // Last: these load every language model Lingua has.
        linguaSampled.Identify(documents[0].Text);
        var sample = documents.Where((_, i) => i % 8 == 0).ToList();
        rows.Add(Measurement.Run("language: all languages, Lingua on the sampled pieces, no screen (before)", sample.Count, () => { foreach (var d in sample) linguaSampled.Identify(d.Text, d.LanguageDeclared, d.Url); }));
        var lingua = LanguageDetectorBuilder.FromAllLanguages().Build();
        rows.Add(Measurement.Run("Lingua default, all languages, whole text (baseline)", sample.Count, () => { foreach (var d in sample) lingua.DetectLanguageOf(d.Text); }));

        Report.Print($"Annotation, {n} documents of ~3 KB (single thread; docs/s is per core; shared 2-core machine)", rows, "docs");
        double PerDoc(Measurement m) => m.CpuSeconds / m.Items;
        string Times(double x) => x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + "x";
        var baseline = rows[^1];
        foreach (var row in rows.Where(r => r.Name.StartsWith("language", StringComparison.Ordinal) || r.Name.StartsWith("all together", StringComparison.Ordinal)))
            Console.WriteLine($"- {row.Name}: CPU per document / Lingua baseline's: {Times(PerDoc(row) / PerDoc(baseline))}");
        var extraction = rows[0];
        foreach (var row in rows.Skip(1))
            Console.WriteLine($"- {row.Name}: CPU per document / extraction's CPU per page: {Times(PerDoc(row) / PerDoc(extraction))}");
        Console.WriteLine("- targets: all annotation ≤ 0.25x, token counting ≤ 0.3x");
        return 0;
    }

    /// <summary>
    /// <see cref="Measurement.Run"/> with each round repeating <paramref name="work"/> until it lasts about
    /// <paramref name="seconds"/>, the count calibrated on two untimed loops (the first also warms the JIT).
    /// </summary>
    private static Measurement Long(string name, int items, Action work, double seconds)
    {
        work();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        work();
        var once = Math.Max(clock.Elapsed.TotalSeconds, 1e-4);
        var loops = Math.Max(1, (int)Math.Ceiling(seconds / once));
        return Measurement.Run(name, items * loops, () => { for (var l = 0; l < loops; l++) work(); });
    }

    private static List<Document> ThreeKilobyteDocuments(string path)
    {
        var byGroup = new SortedDictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var obj = JsonNode.Parse(line)!.AsObject();
            var key = $"{obj["language"]}/{obj["topic"]}";
            if (!byGroup.TryGetValue(key, out var list)) byGroup[key] = list = [];
            list.Add(obj);
        }
        var documents = new List<Document>();
        foreach (var (key, list) in byGroup)
        {
            // Rotate through the group so each 3 KB document starts at a different article.
            for (var start = 0; start < list.Count; start++)
            {
                var text = new System.Text.StringBuilder();
                for (var i = 0; text.Length < 3000; i++) text.Append((string)list[(start + i) % list.Count]["text"]!).Append('\n');
                var first = list[start];
                documents.Add(new Document
                {
                    Id = $"{key}/{start}", Url = (string)first["url"]!, SourceUrl = (string)first["url"]!, Domain = "",
                    FetchedAt = DateTimeOffset.UnixEpoch, Text = text.ToString().TrimEnd()[..Math.Min(3000, text.Length - 1)],
                    Title = (string?)first["title"], LanguageDeclared = (string?)first["language_declared"],
                });
            }
        }
        return documents;
    }

    private static List<FetchedPage> SamplePages()
    {
        var site = Path.GetFullPath("datasets/sample/site");
        return Directory.EnumerateFiles(site, "*.html", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(site, f).Count(c => c == '/') >= 2) // section/yyyy/mm/article.html, not index pages
            .Order(StringComparer.Ordinal)
            .Select(f => new FetchedPage
            {
                Url = "http://kabarnusantara.test/" + Path.GetRelativePath(site, f).Replace('\\', '/'),
                Status = 200, ContentType = "text/html", Body = File.ReadAllBytes(f), FetchedAt = DateTimeOffset.UnixEpoch,
            }).ToList();
    }
}
