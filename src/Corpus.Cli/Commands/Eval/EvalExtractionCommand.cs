using System.CommandLine;
using System.Globalization;
using Corpus.Cleaning.Promos;
using Corpus.Core;
using Corpus.Extraction;
using Corpus.Extraction.Evaluation;
using Corpus.Extraction.Files;
using Corpus.Text.Promos;

namespace Corpus.Cli.Commands.Eval;

/// <summary>
/// <c>corpus eval extraction --html DIR --truth ground-truth.json</c>: runs the extractor over a labelled set and scores
/// it with the ScrapingHub article-extraction-benchmark metric. <c>--predictions FILE</c> scores another extractor's
/// published output instead, which is how the scorer is checked against the published table.
/// </summary>
public static class EvalExtractionCommand
{
    public static Command Create(TextWriter output)
    {
        var html = new Option<string?>("--html") { Description = "Folder of <key>.html or <key>.html.gz pages." };
        var truth = new Option<string>("--truth") { Description = "ground-truth.json: {key: {articleBody, url}}.", Required = true };
        var predictions = new Option<string?>("--predictions") { Description = "Score this output file ({key: {articleBody}}) instead of running the extractor." };
        var worst = new Option<int>("--worst") { Description = "How many of the worst pages to list.", DefaultValueFactory = _ => 10 };
        var focus = new Option<string>("--focus") { Description = "What extraction favours: precision, balanced or recall (a recipe's extraction.focus).", DefaultValueFactory = _ => "balanced" };
        var save = new Option<string?>("--output") { Description = "Also write what the extractor produced ({key: {articleBody, title, author}}) to this file." };
        var table = new Option<string?>("--rules") { Description = "Extract with this extraction table (the built-in extraction-table.tsv's format) instead of the built-in one." };
        var command = new Command("extraction", "Score main-content extraction on a labelled set (F1, precision, recall, accuracy, empty pages; title and author where labelled).")
            { html, truth, predictions, worst, focus, save, table };
        command.SetAction(async (parse, ct) =>
        {
            var truthPath = parse.GetValue(truth)!;
            var truthPages = Load(truthPath);
            Dictionary<string, string> predicted;
            Dictionary<string, (string? Title, string? Author)>? metadata = null;
            string name;
            if (parse.GetValue(predictions) is { } predictionsPath)
            {
                predicted = Load(predictionsPath).ToDictionary(kv => kv.Key, kv => kv.Value.ArticleBody);
                var missing = truthPages.Keys.Where(k => !predicted.ContainsKey(k)).ToList();
                if (missing.Count > 0) throw new CorpusUserException($"{predictionsPath} has no output for {missing.Count} page(s) of the truth, e.g. '{missing[0]}'.");
                name = Path.GetFileNameWithoutExtension(predictionsPath);
            }
            else
            {
                var dir = parse.GetValue(html) ?? throw new CorpusUserException("Give --html DIR (the pages to extract) or --predictions FILE (an output to score).");
                if (!Directory.Exists(dir)) throw new CorpusUserException($"HTML folder '{dir}' does not exist.");
                ExtractionFocus chosen;
                try { chosen = ExtractionRules.ParseFocus(parse.GetValue(focus)); }
                catch (FormatException e) { throw new CorpusUserException($"--focus: {e.Message}.", e); }
                var rules = parse.GetValue(table) is { } tablePath ? LoadRules(tablePath) : ExtractionRules.Default;
                var extracted = Extract(dir, truthPages, rules.WithFocus(chosen), ct);
                predicted = extracted.ToDictionary(kv => kv.Key, kv => kv.Value.Text, StringComparer.Ordinal);
                metadata = extracted.ToDictionary(kv => kv.Key, kv => (kv.Value.Title, kv.Value.Author), StringComparer.Ordinal);
                name = "corpus";
                if (parse.GetValue(save) is { } savePath) Save(savePath, extracted);
            }
            var score = ExtractionScorer.Score(truthPages, predicted);
            var ci = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Format(ci, "{0}: F1 {1:0.000}  precision {2:0.000}  recall {3:0.000}  accuracy {4:0.000}  ({5} pages)",
                name, score.F1, score.Precision, score.Recall, score.Accuracy, score.Pages.Count));
            var empty = truthPages.Where(t => t.Value.ArticleBody.Trim().Length > 0 && string.IsNullOrWhiteSpace(predicted.GetValueOrDefault(t.Key)))
                .Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
            await output.WriteLineAsync($"empty pages: {empty.Count}{(empty.Count > 0 ? " (" + string.Join(", ", empty) + ")" : "")}");
            if (metadata is not null)
            {
                foreach (var (field, label, value) in new (string, Func<TruthPage, string?>, Func<(string? Title, string? Author), string?>)[]
                             { ("title", t => t.Title, m => m.Title), ("author", t => t.Byline, m => m.Author) })
                {
                    var labelled = truthPages.Where(t => !string.IsNullOrWhiteSpace(label(t.Value))).ToList();
                    if (labelled.Count == 0) continue;
                    var m = MetadataScore.Score(labelled.Select(t => (label(t.Value)!, value(metadata[t.Key]))));
                    await output.WriteLineAsync(string.Format(ci, "{0}: exact {1:0.000}  token F1 {2:0.000}  ({3} labelled pages)", field, m.Exact, m.TokenF1, m.Pages));
                }
            }
            var n = parse.GetValue(worst);
            if (n > 0)
            {
                await output.WriteLineAsync($"worst {n} pages:");
                foreach (var page in score.Worst(n))
                    await output.WriteLineAsync(string.Format(ci, "  {0}  recall {1:0.000}  precision {2:0.000}  {3}",
                        page.Key.Length > 12 ? page.Key[..12] : page.Key, page.Score.Recall, page.Score.Precision, page.Url));
            }
            return CorpusApp.Ok;
        });
        return command;
    }

    private static Dictionary<string, TruthPage> Load(string path)
    {
        if (!File.Exists(path)) throw new CorpusUserException($"File '{path}' does not exist.");
        try { return BenchmarkFiles.Read(path); }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new CorpusUserException($"{path} is not a benchmark file: {e.Message}", e);
        }
    }

    private static ExtractionRules LoadRules(string path)
    {
        if (!File.Exists(path)) throw new CorpusUserException($"Extraction table '{path}' does not exist.");
        try
        {
            using var reader = File.OpenText(path);
            return ExtractionRules.Parse(reader);
        }
        catch (FormatException e)
        {
            throw new CorpusUserException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Runs the extractor over every page of the truth; a page without an HTML file is a user error.</summary>
    private static Dictionary<string, (string Text, string? Title, string? Author)> Extract(string dir, Dictionary<string, TruthPage> truth, ExtractionRules rules, CancellationToken ct)
    {
        var files = HtmlFiles.Expand([dir]).ToDictionary(HtmlFiles.KeyOf, f => f, StringComparer.Ordinal);
        var extractor = new FileExtractor(new ArticleExtractor(rules, new PromoBlockClassifier(PromoRules.Default)), new PromoLineRemover(PromoRules.Default));
        var result = new Dictionary<string, (string, string?, string?)>(StringComparer.Ordinal);
        foreach (var (key, page) in truth.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            if (!files.TryGetValue(key, out var file)) throw new CorpusUserException($"{dir} has no HTML file for page '{key}'.");
            var extraction = extractor.Extract(file, page.Url);
            result[key] = (extraction.Text, extraction.Article?.Metadata.Title, extraction.Article?.Metadata.Author);
        }
        return result;
    }

    private static void Save(string path, Dictionary<string, (string Text, string? Title, string? Author)> extracted)
    {
        var output = extracted.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => new { articleBody = kv.Value.Text, title = kv.Value.Title, author = kv.Value.Author });
        try { File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(output, new System.Text.Json.JsonSerializerOptions { WriteIndented = true })); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CorpusUserException($"Cannot write '{path}': {e.Message}", e);
        }
    }
}
