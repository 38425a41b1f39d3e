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
        var command = new Command("extraction", "Score main-content extraction on a labelled set (F1, precision, recall, accuracy).") { html, truth, predictions, worst };
        command.SetAction(async (parse, ct) =>
        {
            var truthPath = parse.GetValue(truth)!;
            var truthPages = Load(truthPath);
            Dictionary<string, string> predicted;
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
                predicted = Extract(dir, truthPages, ct);
                name = "corpus";
            }
            var score = ExtractionScorer.Score(truthPages, predicted);
            var ci = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Format(ci, "{0}: F1 {1:0.000}  precision {2:0.000}  recall {3:0.000}  accuracy {4:0.000}  ({5} pages)",
                name, score.F1, score.Precision, score.Recall, score.Accuracy, score.Pages.Count));
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

    /// <summary>Runs the extractor over every page of the truth; a page without an HTML file is a user error.</summary>
    private static Dictionary<string, string> Extract(string dir, Dictionary<string, TruthPage> truth, CancellationToken ct)
    {
        var files = HtmlFiles.Expand([dir]).ToDictionary(HtmlFiles.KeyOf, f => f, StringComparer.Ordinal);
        var extractor = new FileExtractor(new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default)), new PromoLineRemover(PromoRules.Default));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, page) in truth.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            if (!files.TryGetValue(key, out var file)) throw new CorpusUserException($"{dir} has no HTML file for page '{key}'.");
            result[key] = extractor.Extract(file, page.Url).Text;
        }
        return result;
    }
}
