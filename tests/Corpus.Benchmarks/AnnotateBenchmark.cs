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
/// detectors, which load every language model, come last.
/// </summary>
public static class AnnotateBenchmark
{
    public static int Run(string[] args)
    {
        var devSet = args.Length > 0 ? args[0] : "tests/Corpus.Tests/Annotation/Data/annotate-dev.jsonl";
        var documents = ThreeKilobyteDocuments(devSet);
        var n = documents.Count;
        var candidates = new[] { "id", "ms", "en" };
        var annotator = new Annotator(candidates, new AnnotationSettings());
        var restricted = new LanguageIdentifier(candidates) { CheckMixed = false };
        var pages = SamplePages();
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default), 0.5);

        var rows = new List<Measurement>
        {
            Measurement.Run("extraction (sample article pages)", pages.Count, () => { foreach (var p in pages) extractor.Extract(p); }),
            Measurement.Run("language, candidates id/ms/en + evidence", n, () => { foreach (var d in documents) restricted.Identify(d.Text, d.LanguageDeclared, d.Url); }),
            Measurement.Run("language + mixed check, candidates", n, () => { foreach (var d in documents) annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url); }),
            Measurement.Run("topic (metadata + text model)", n, () => { foreach (var d in documents) annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url); }),
            Measurement.Run("tokens (o200k_base) + counts", n, () => { var s = new CountsStage(); foreach (var d in documents) s.Process(d); }),
            Measurement.Run("all together (Annotator)", n, () => { foreach (var d in documents) annotator.Annotate(d); }),
        };
        var allLanguages = new LanguageIdentifier([]) { CheckMixed = false };
        rows.Add(Measurement.Run("language alone, all languages + evidence", n, () => { foreach (var d in documents) allLanguages.Identify(d.Text, d.LanguageDeclared, d.Url); }));
        var lingua = LanguageDetectorBuilder.FromAllLanguages().Build();
        rows.Add(Measurement.Run("Lingua default, all languages (baseline)", n, () => { foreach (var d in documents) lingua.DetectLanguageOf(d.Text); }));

        Report.Print($"Annotation, {n} documents of ~3 KB (single thread; docs/s is per core)", rows, "docs");
        var baseline = rows[^1];
        var all = rows.Single(r => r.Name.StartsWith("all together", StringComparison.Ordinal));
        foreach (var row in rows.Where(r => r != baseline && !r.Name.StartsWith("extraction", StringComparison.Ordinal)))
            Report.Ratio($"{row.Name} / baseline", row, baseline);
        var extraction = rows[0];
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"- annotation per document / extraction per page: {all.Seconds / all.Items / (extraction.Seconds / extraction.Items):0.00}x (target ≤ 0.25)"));
        return 0;
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
