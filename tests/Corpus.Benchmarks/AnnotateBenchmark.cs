using System.Globalization;
using System.Text.Json.Nodes;
using Corpus.Annotation;
using Corpus.Annotation.Counts;
using Corpus.Annotation.Language;
using Corpus.Annotation.Topics;
using Corpus.Benchmarks.Harness;
using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Extraction;
using Lingua;
using Corpus.Text.Promos;

namespace Corpus.Benchmarks;

/// <summary>
/// What annotation costs per document as a multiple of extraction's CPU per page, measured in interleaved rounds in one
/// process (<see cref="InterleavedRounds"/>): each round extracts the pages, runs every annotation contender, and
/// extracts the pages again; each contender's figure is the median over the rounds of its CPU per document over
/// extraction's in the same round, on the measuring thread's own CPU time. Two sets of documents:
/// <list type="bullet">
/// <item><b>pages</b>: the texts extracted from the very pages extraction is timed on (the sample site's article pages
/// and <c>SYNTHETIC</c> generated news pages), so the ratio is per document of the same pages, as in a build;</item>
/// <item><b>3 KB prose</b>: the project's own dev-set prose in id/ms/en, joined per language and topic until a document
/// holds 3,000 characters (real words, where the generated pages use an invented vocabulary);</item>
/// <item><b>sample-site pages</b>: the sample site's articles alone (prose written for the fixture), with their own
/// extraction timed as a contender, so annotation over extraction of the same real pages is printed too. The generated
/// pages' invented words (random strings of <c>aeioubdgkmnprstlhjy</c>) read like no language, so there the trigram screen
/// is less often sure and Lingua is asked more than on news text.</item>
/// <item><b>real news pages</b> (<c>--pages DIR</c>, repeatable; <see cref="NewsPageFolder"/>): every HTML page under
/// the folder, extracted by the project's extractor, that extraction timed as a contender in the same rounds, and
/// language, topic, counts and all annotation timed over the texts extracted from those same pages (pages that extract
/// to nothing are counted and left out, as a build's word floor excludes them before language).</item>
/// </list>
/// Usage: <c>annotate [DEV_JSONL] [ROUND_SECONDS=1] [ROUNDS=7] [SYNTHETIC=300] [--pages DIR]... [--detail]</c>.
/// <c>--detail</c> adds the language detector's stages alone and Lingua's all-language detector as the baseline (slow;
/// loads every model). <c>--profile topic-split</c> prints where a document's CPU goes instead (<see cref="TopicSplit"/>).
/// </summary>
public static class AnnotateBenchmark
{
    private const int Batch = 32;

    public static int Run(string[] args)
    {
        var detail = args.Contains("--detail");
        var folderDirs = new List<string>();
        for (int i; (i = Array.IndexOf(args, "--pages")) >= 0;)
        {
            if (i + 1 >= args.Length) { Console.Error.WriteLine("--pages needs a folder of HTML pages after it."); return 2; }
            folderDirs.Add(args[i + 1]);
            args = args.Where((_, k) => k != i && k != i + 1).ToArray();
        }
        var at = Array.IndexOf(args, "--profile");
        var profile = at >= 0 ? args[at + 1] : null;
        if (profile is not null) args = args.Where((_, i) => i != at && i != at + 1).ToArray();
        args = args.Where(a => a != "--detail").ToArray();
        var devSet = args.Length > 0 && args[0].Length > 0 ? args[0] : "tests/Corpus.Tests/Annotation/Data/annotate-dev.jsonl";
        var roundSeconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        var synthetic = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 300;

        var prose = ThreeKilobyteDocuments(devSet);
        var pages = SamplePages().Concat(SyntheticPages(synthetic)).ToList();
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default), 0.5);
        var extracted = pages.Select(extractor.Extract).ToList();
        List<NewsPageFolder> read;
        try { read = folderDirs.Select(NewsPageFolder.Read).ToList(); }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }
        var labels = FolderLabels(folderDirs, read);
        var folders = read.Select((f, i) => new FolderSet(
            labels[i], f.Pages, f.Pages.Select(extractor.Extract).Where(d => d.Text.Length > 0).ToList())).ToList();
        // The defaults of a standalone 'corpus annotate': every language, the shipped id/ms and topic models.
        var annotator = new Annotator([], new AnnotationSettings());
        var counts = new CountsStage();
        // Load every model once before anything is timed, so no contender pays another's loading.
        annotator.Annotate(prose[0]);
        TokenCounter.CountWithLibrary("warm");

        // How each set's sampled pieces are decided (one untimed pass): Lingua is the costly path. A build of the
        // annotation library from before the counters existed still runs the rest of the benchmark.
        List<string> paths;
        try { paths = PiecePaths(annotator.Language, [("pages", extracted), ("3 KB prose", prose), ("sample-site pages", extracted.Take(pages.Count - synthetic).ToList()), .. folders.Select(f => (f.Name, f.Documents))]); }
        catch (MissingMethodException) { paths = ["(this build of the language detector does not count its pieces)"]; }

        if (profile == "margins")
        {
            // What the screen's stopping margin saves: trigrams read per document at each margin (0: every piece whole).
            foreach (var margin in new double[] { 0, 24, 12 })
            {
                var identifier = new LanguageIdentifier([]) { ClearMargin = margin };
                Console.WriteLine($"ClearMargin {margin}:");
                foreach (var line in PiecePaths(identifier, [("pages", extracted), ("3 KB prose", prose), ("sample-site pages", extracted.Take(pages.Count - synthetic).ToList())]))
                    Console.WriteLine($"- {line}");
            }
            return 0;
        }
        if (profile == "topic-split")
        {
            TopicSplit.Run("generated pages", extracted.Skip(pages.Count - synthetic).ToList(), annotator, roundSeconds);
            TopicSplit.Run("3 KB prose", prose, annotator, roundSeconds);
            TopicSplit.Run("sample-site pages", extracted.Take(pages.Count - synthetic).ToList(), annotator, roundSeconds);
            return 0;
        }
        if (profile is not null)
        {
            // For a profiler: one set's annotation (or one stage of it) in a loop for ROUND_SECONDS × ROUNDS seconds; a
            // --pages folder is named as the tables name it (e.g. extraction-scrapinghub:language).
            var docs = folders.FirstOrDefault(f => profile.Split(':')[0] == f.Name)?.Documents
                ?? (profile.StartsWith("prose", StringComparison.Ordinal) ? prose
                : profile.StartsWith("sample", StringComparison.Ordinal) ? extracted.Take(pages.Count - synthetic).ToList() : extracted);
            Action<Document> work = profile.EndsWith(":language", StringComparison.Ordinal) ? d => annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url)
                : profile.EndsWith(":counts", StringComparison.Ordinal) ? d => counts.Process(d) : d => annotator.Annotate(d);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            long n = 0;
            while (clock.Elapsed.TotalSeconds < roundSeconds * rounds) foreach (var d in docs) { work(d); n++; }
            Console.WriteLine($"{profile}: {n} documents in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
        var bench = new InterleavedRounds("extraction (the pages)", pages.Count, () => { foreach (var p in pages) extractor.Extract(p); });
        foreach (var (set, documents) in new[] { ("pages", extracted), ("3 KB prose", prose) })
        {
            var n = documents.Count;
            bench.Add($"{set}: language", n, () => { foreach (var d in documents) annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url); });
            bench.Add($"{set}: topic", n, () => { foreach (var d in documents) annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url); });
            bench.Add($"{set}: counts (chars, words, lines, paragraphs, o200k tokens)", n, () => { foreach (var d in documents) counts.Process(d); });
            bench.Add($"{set}: o200k tokens alone", n, () => { foreach (var d in documents) TokenCounter.Count(d.Text); });
            bench.Add($"{set}: o200k tokens, library CountTokens (reference)", n, () => { foreach (var d in documents) TokenCounter.CountWithLibrary(d.Text); });
            bench.Add($"{set}: all annotation (Annotator)", n, () => { foreach (var d in documents) annotator.Annotate(d); });
            // Where the Annotator's cost over its three stages alone goes: the same stages with counts first, and
            // each stage over a batch of documents before the next, so one stage's tables stay in cache for the batch.
            IDocumentStage[] countsFirst = [.. annotator.Stages.Where(s => s is CountsStage), .. annotator.Stages.Where(s => s is not CountsStage)];
            bench.Add($"{set}: all annotation, counts first", n, () => { foreach (var d in documents) { var x = d; foreach (var s in countsFirst) x = s.Process(x); } });
            var batch = new Document[Batch];
            bench.Add($"{set}: all annotation, one stage at a time over {Batch} documents", n, () =>
            {
                for (var start = 0; start < n; start += Batch)
                {
                    var size = Math.Min(Batch, n - start);
                    for (var k = 0; k < size; k++) batch[k] = documents[start + k];
                    foreach (var stage in annotator.Stages)
                        for (var k = 0; k < size; k++) batch[k] = stage.Process(batch[k]);
                }
            });
        }
        // The sample site's articles alone: prose written by people (Indonesian, English, Malay), where the generated
        // pages weave invented words between function words. Extraction of these same pages is timed too, so
        // annotation over extraction is like for like on real text (derived per round below).
        var samplePages = pages.Take(pages.Count - synthetic).ToList();
        var sampleDocs = extracted.Take(pages.Count - synthetic).ToList();
        bench.Add("sample-site pages: extraction (the same pages)", samplePages.Count, () => { foreach (var p in samplePages) extractor.Extract(p); });
        bench.Add("sample-site pages: language", sampleDocs.Count, () => { foreach (var d in sampleDocs) annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url); });
        bench.Add("sample-site pages: topic", sampleDocs.Count, () => { foreach (var d in sampleDocs) annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url); });
        bench.Add("sample-site pages: all annotation (Annotator)", sampleDocs.Count, () => { foreach (var d in sampleDocs) annotator.Annotate(d); });
        foreach (var f in folders) AddFolder(bench, f, extractor, annotator, counts);
        if (detail)
        {
            var screenOnly = new LanguageIdentifier([]) { UseDiscriminator = false, CheckMixed = false };
            var screenAlways = new LanguageIdentifier([]) { UseDiscriminator = false, CheckMixed = false, ScreenMargin = 0, MinScreenTrigrams = 0, MinTrigramShare = 0 };
            screenOnly.Identify(prose[0].Text);
            foreach (var (set, documents) in new[] { ("pages", extracted), ("3 KB prose", prose) })
            {
                bench.Add($"{set}: language, first stage alone", documents.Count, () => { foreach (var d in documents) screenOnly.Identify(d.Text); });
                bench.Add($"{set}: language, id/ms discriminator alone (stopping when decisive)", documents.Count, () => { foreach (var d in documents) IdMsDiscriminator.Default.LogOdds(d.Text, annotator.Language.DecisiveLogOdds); });
                bench.Add($"{set}: language, spelling markers alone", documents.Count, () => { foreach (var d in documents) SpellingMarkers.Count(d.Text); });
            }
            bench.Add("3 KB prose: language, first stage alone (screen, Lingua among the few when close)", prose.Count, () => { foreach (var d in prose) screenOnly.Identify(d.Text); });
            bench.Add("3 KB prose: language, trigram screen deciding every piece", prose.Count, () => { foreach (var d in prose) screenAlways.Identify(d.Text); });
            bench.Add("3 KB prose: language, id/ms discriminator alone", prose.Count, () => { foreach (var d in prose) IdMsDiscriminator.Default.LogOdds(d.Text); });
            // Last: it loads every language model Lingua has.
            var lingua = LanguageDetectorBuilder.FromAllLanguages().Build();
            var sample = prose.Where((_, i) => i % 16 == 0).ToList();
            bench.Add("3 KB prose: Lingua default, all languages, whole text (baseline)", sample.Count, () => { foreach (var d in sample) lingua.DetectLanguageOf(d.Text); });
        }

        var (reference, results) = bench.Run(rounds, roundSeconds);
        Console.WriteLine($"## Annotation against extraction: {pages.Count} pages ({pages.Count - synthetic} sample-site articles + {synthetic} generated), " +
            $"{extracted.Count(d => d.Text.Length > 0)} with text (mean {extracted.Average(d => d.Text.Length):N0} chars); {prose.Count} prose documents of ~3,000 chars");
        Console.WriteLine($"{rounds} interleaved rounds of ~{roundSeconds.ToString(CultureInfo.InvariantCulture)} s CPU each; single thread; shared 2-core machine.");
        Console.WriteLine();
        Console.WriteLine("| contender | CPU per doc / extraction's per page (median) | range over rounds | process CPU ratio (median) | docs per CPU-s (median) | allocated per doc |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results.Prepend(reference))
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | **{1}** | {2}–{3} | {4} | {5:N0} | {6:N0} B |",
                r.Name, InterleavedRounds.Times(r.Median), InterleavedRounds.Times(r.Ratios.Min()), InterleavedRounds.Times(r.Ratios.Max()),
                InterleavedRounds.Times(RoundFigures.Median(r.ProcessRatios)), RoundFigures.Median(r.ItemsPerCpuSecond), r.AllocatedPerItem));
        Console.WriteLine();
        Console.WriteLine("The Annotator over the sum of its three stages timed alone (language + topic + counts), per round, median (range):");
        foreach (var set in new[] { "pages", "3 KB prose" })
        {
            double[] Of(string name) => results.Single(r => r.Name == $"{set}: {name}").Ratios;
            var sum = Of("language").Zip(Of("topic"), (a, b) => a + b).Zip(Of("counts (chars, words, lines, paragraphs, o200k tokens)"), (a, b) => a + b).ToArray();
            foreach (var name in new[] { "all annotation (Annotator)", "all annotation, counts first", $"all annotation, one stage at a time over {Batch} documents" })
            {
                var over = Of(name).Zip(sum, (a, b) => a - b).ToArray();
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- {0}: {1}: stages alone {2}, {3} **{4}** ({5}–{6})", set, name,
                    InterleavedRounds.Times(RoundFigures.Median(sum)), InterleavedRounds.Times(RoundFigures.Median(Of(name))),
                    InterleavedRounds.Times(RoundFigures.Median(over)), InterleavedRounds.Times(over.Min()), InterleavedRounds.Times(over.Max())));
            }
        }
        Console.WriteLine();
        var sampleExtraction = results.Single(r => r.Name.StartsWith("sample-site pages: extraction", StringComparison.Ordinal));
        Console.WriteLine($"Sample-site pages ({samplePages.Count} articles of written prose, mean {sampleDocs.Average(d => d.Text.Length):N0} chars), CPU per document over extraction's per page of the same pages (median of the rounds' quotients):");
        foreach (var r in results.Where(r => r.Name.StartsWith("sample-site pages:", StringComparison.Ordinal) && r != sampleExtraction))
        {
            var quotients = r.Ratios.Zip(sampleExtraction.Ratios, (a, b) => a / b).ToArray();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- {0}: **{1}** ({2}–{3})", r.Name["sample-site pages: ".Length..],
                InterleavedRounds.Times(RoundFigures.Median(quotients)), InterleavedRounds.Times(quotients.Min()), InterleavedRounds.Times(quotients.Max())));
        }
        Console.WriteLine();
        foreach (var f in folders) PrintFolder(f, results);
        Console.WriteLine("How the language detector decided the sampled pieces:");
        foreach (var line in paths) Console.WriteLine($"- {line}");
        Console.WriteLine();
        Console.WriteLine("Targets: all annotation ≤ 0.25x; o200k token counting ≤ 0.3x.");
        return 0;
    }

    /// <summary>A <c>--pages</c> folder: its pages, and the documents with text they extract to.</summary>
    /// <summary>
    /// Each folder's name in the output: its own name, or parent/name where two folders share a name (the extraction dev
    /// sets both keep their pages in <c>html/</c>), and a number after a folder given twice.
    /// </summary>
    private static string[] FolderLabels(IReadOnlyList<string> dirs, IReadOnlyList<NewsPageFolder> read)
    {
        var labels = new string[read.Count];
        for (var i = 0; i < read.Count; i++)
        {
            var shared = read.Count(f => f.Name == read[i].Name) > 1;
            var parent = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dirs[i])))) ?? "";
            labels[i] = shared && parent.Length > 0 ? $"{parent}/{read[i].Name}" : read[i].Name;
            if (labels.Take(i).Contains(labels[i])) labels[i] = $"{labels[i]} ({i + 1})";
        }
        return labels;
    }

    private sealed record FolderSet(string Name, IReadOnlyList<FetchedPage> Pages, List<Document> Documents);

    private static readonly string[] FolderRows = ["extraction (the same pages)", "language", "topic", CountsRow, "all annotation (Annotator)", CopiesRow];
    private const string CountsRow = "counts (chars, words, lines, paragraphs, o200k tokens)";
    // What setting every field in one copy of the record could save at most: the Annotator's stages copy it three times.
    private const string CopiesRow = "three copies of the record alone (one per stage)";
    private static Document? _lastCopy;

    private static void AddFolder(InterleavedRounds bench, FolderSet f, ArticleExtractor extractor, Annotator annotator, CountsStage counts)
    {
        var (pages, docs) = (f.Pages, f.Documents);
        bench.Add($"{f.Name}: {FolderRows[0]}", pages.Count, () => { foreach (var p in pages) extractor.Extract(p); });
        bench.Add($"{f.Name}: {FolderRows[1]}", docs.Count, () => { foreach (var d in docs) annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url); });
        bench.Add($"{f.Name}: {FolderRows[2]}", docs.Count, () => { foreach (var d in docs) annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url); });
        bench.Add($"{f.Name}: {FolderRows[3]}", docs.Count, () => { foreach (var d in docs) counts.Process(d); });
        bench.Add($"{f.Name}: {FolderRows[4]}", docs.Count, () => { foreach (var d in docs) annotator.Annotate(d); });
        bench.Add($"{f.Name}: {FolderRows[5]}", docs.Count, () =>
        {
            foreach (var d in docs) _lastCopy = d with { Language = "und" } with { Topic = "x" } with { CharCount = d.Text.Length };
        });
    }

    /// <summary>
    /// A folder's rows: each contender's CPU per document over the folder's extraction CPU per page, as the median and
    /// range of the rounds' quotients (both figures of a round come from the same minute), its documents per CPU-second
    /// and its allocation per document; then the Annotator over the sum of its three stages alone, and the share of the
    /// Annotator's CPU its three copies of the record take.
    /// </summary>
    private static void PrintFolder(FolderSet f, List<InterleavedRounds.Result> results)
    {
        InterleavedRounds.Result Row(string name) => results.Single(r => r.Name == $"{f.Name}: {name}");
        var extraction = Row(FolderRows[0]);
        var empty = f.Pages.Count - f.Documents.Count;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "### {0}: {1} pages, {2} with text (mean {3:N0} chars); {4} extracted to nothing and are not annotated",
            f.Name, f.Pages.Count, f.Documents.Count, f.Documents.Count == 0 ? 0 : f.Documents.Average(d => d.Text.Length), empty));
        Console.WriteLine();
        Console.WriteLine("| contender | CPU per doc / extraction's per page of the same pages (median) | range over rounds | docs per CPU-s (median) | allocated per doc |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var name in FolderRows)
        {
            var r = Row(name);
            var quotients = r.Ratios.Zip(extraction.Ratios, (a, b) => a / b).ToArray();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | **{1}** | {2}–{3} | {4:N0} | {5:N0} B |", name,
                InterleavedRounds.Times(RoundFigures.Median(quotients)), InterleavedRounds.Times(quotients.Min()), InterleavedRounds.Times(quotients.Max()),
                RoundFigures.Median(r.ItemsPerCpuSecond), r.AllocatedPerItem));
        }
        var sum = Row(FolderRows[1]).Ratios.Zip(Row(FolderRows[2]).Ratios, (a, b) => a + b).Zip(Row(FolderRows[3]).Ratios, (a, b) => a + b)
            .Zip(extraction.Ratios, (a, b) => a / b).ToArray();
        var over = Row(FolderRows[4]).Ratios.Zip(extraction.Ratios, (a, b) => a / b).Zip(sum, (a, b) => a - b).ToArray();
        Console.WriteLine();
        var copies = Row(FolderRows[5]).Ratios.Zip(Row(FolderRows[4]).Ratios, (a, b) => a / b).ToArray();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "The Annotator over the sum of its three stages alone: stages alone {0}, Annotator minus stages **{1}** ({2}–{3}); the three copies of the record are {4:P2} of the Annotator's CPU (median).",
            InterleavedRounds.Times(RoundFigures.Median(sum)), InterleavedRounds.Times(RoundFigures.Median(over)), InterleavedRounds.Times(over.Min()), InterleavedRounds.Times(over.Max()),
            RoundFigures.Median(copies)));
        Console.WriteLine();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<string> PiecePaths(LanguageIdentifier identifier, (string Set, List<Document> Documents)[] sets)
    {
        var paths = new List<string>();
        foreach (var (set, documents) in sets)
        {
            var before = identifier.PieceCounts;
            var unplacedBefore = identifier.UnplacedPieces;
            var trigramsBefore = identifier.TrigramsRead;
            foreach (var d in documents) identifier.Identify(d.Text, d.LanguageDeclared, d.Url);
            var after = identifier.PieceCounts;
            var (screen, agreeing, lingua) = (after.Screen - before.Screen, after.Agreeing - before.Agreeing, after.Lingua - before.Lingua);
            var unplaced = identifier.UnplacedPieces - unplacedBefore;
            var sampled = screen + agreeing + lingua + unplaced;
            var trigrams = identifier.TrigramsRead - trigramsBefore;
            paths.Add(string.Format(CultureInfo.InvariantCulture, "{0}: {1:N0} pieces sampled, screen alone {2:N0}, agreeing with the document {3:N0}, left out (unplaced, outside the document's group) {6:N0}, Lingua {4:N0} ({5:P0}); {7:N1} trigrams read per document",
                set, sampled, screen, agreeing, lingua, (double)lingua / Math.Max(1, sampled), unplaced, (double)trigrams / Math.Max(1, documents.Count)));
        }
        return paths;
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

    private static IEnumerable<FetchedPage> SyntheticPages(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var page = SyntheticNewsPages.Make(i);
        return new FetchedPage
        {
            Url = page.Url, Status = 200, ContentType = "text/html; charset=utf-8", Body = System.Text.Encoding.UTF8.GetBytes(page.Html), FetchedAt = page.FetchedAt,
        };
    });
}
