using System.CommandLine;
using System.Globalization;
using Corpus.Cleaning.Promos;
using Corpus.Cleaning.Promos.Evaluation;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Text.Promos;
using Corpus.Text;

namespace Corpus.Cli.Commands.Eval;

/// <summary>
/// <c>corpus eval promos</c>: precision and recall of promo removal on the labelled dev set — the real extractor with
/// its DOM pass plus the text pass on whole pages, and the text pass alone on plain-text items.
/// </summary>
public static class EvalPromosCommand
{
    public const string DefaultSet = "tests/Corpus.Tests/Cleaning/PromoDevSet";

    public static Command Create(TextWriter output)
    {
        var setOption = new Option<string?>("--set") { Description = $"The dev set folder (default: {DefaultSet} in this repository)." };
        var mistakesOption = new Option<bool>("--mistakes") { Description = "List every promo left in and every paragraph wrongly removed." };
        var pagesOption = new Option<string?>("--pages") { Description = "Instead: count what each rule removes on every *.html under DIR (no labels needed)." };
        var showOption = new Option<bool>("--show") { Description = "With --pages: print every removed block or line with its rule." };
        var command = new Command("promos", "Precision and recall of in-body promo removal on the labelled promo dev set.") { setOption, mistakesOption, pagesOption, showOption };
        command.SetAction(async (parse, ct) =>
        {
            var show = parse.GetValue(showOption);
            var removedLog = new List<string>();
            var current = "";
            var classifier = new PromoBlockClassifier(PromoRules.Default)
            {
                OnRemoved = show ? (rule, block) => removedLog.Add($"  {current}: [{rule}] <{block.Tag}> {block.Text}") : null,
            };
            var extractor = new ArticleExtractor(ExtractionRules.Default, classifier);
            var textPass = new PromoLineRemover(PromoRules.Default);
            var textRules = new SortedDictionary<string, int>(StringComparer.Ordinal);

            IReadOnlyList<string> Extract(string path, string url)
            {
                var page = new FetchedPage
                {
                    Url = url,
                    Status = 200,
                    ContentType = "text/html",
                    Body = File.ReadAllBytes(path),
                    FetchedAt = DateTimeOffset.UnixEpoch,
                };
                return TextPass(extractor.Extract(page).Text);
            }

            if (parse.GetValue(pagesOption) is { } pagesDir)
            {
                if (!Directory.Exists(pagesDir)) throw new CorpusUserException($"Folder '{pagesDir}' does not exist.");
                var files = Directory.GetFiles(pagesDir, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                foreach (var file in files)
                {
                    current = Path.GetRelativePath(pagesDir, file).Replace('\\', '/');
                    Extract(file, "http://pages.test/" + current);
                }
                await output.WriteLineAsync($"{files.Count} pages under {Path.GetFullPath(pagesDir)}");
                foreach (var line in removedLog) await output.WriteLineAsync(line);
                await output.WriteLineAsync($"  removed by rule: DOM pass {Describe(classifier.RuleCounts)}; text pass {Describe(textRules)}");
                return CorpusApp.Ok;
            }

            var set = PromoDevSet.Load(parse.GetValue(setOption) ?? FindDefaultSet());
            IReadOnlyList<string> CleanPage(string item) => Extract(set.PathOf(item), "https://www.kabar-contoh.test/" + item);

            IReadOnlyList<string> TextPass(string text)
            {
                var (cleaned, removed) = textPass.RemoveExplained(text);
                foreach (var r in removed)
                {
                    textRules[r.Rule] = textRules.GetValueOrDefault(r.Rule) + 1;
                    if (show) removedLog.Add($"  {current}: [{r.Rule}] (text pass) {r.Text}");
                }
                return cleaned.Split('\n');
            }

            IReadOnlyList<string> CleanPlain(string item) =>
                TextPass(TextNormalizer.Normalize(File.ReadAllText(set.PathOf(item))));

            var pages = PromoEvaluation.Score(set.Pages, CleanPage);
            var domRules = classifier.RuleCounts;
            var pageTextRules = new SortedDictionary<string, int>(textRules, StringComparer.Ordinal);
            textRules.Clear();
            var plain = PromoEvaluation.Score(set.PlainItems, CleanPlain);

            await output.WriteLineAsync($"Promo dev set: {set.Directory}");
            await output.WriteLineAsync($"  {set.Pages.Count()} pages, {set.PlainItems.Count()} plain-text items, {set.Labels.Count(l => l.IsPromo)} promo and {set.Labels.Count(l => !l.IsPromo)} body labels, {set.Labels.Select(l => Path.GetFileName(l.Item).Split('-')[0]).Distinct().Count()} languages");
            await output.WriteLineAsync();
            await WriteReport(output, "Pages, extractor (DOM pass) + text pass", pages);
            await output.WriteLineAsync($"  removed by rule: DOM pass {Describe(domRules)}; text pass {Describe(pageTextRules)}");
            await output.WriteLineAsync();
            await WriteReport(output, "Plain text, text pass alone", plain);
            await output.WriteLineAsync($"  removed by rule: {Describe(textRules)}");
            await output.WriteLineAsync();
            await output.WriteLineAsync($"All items: {pages.Total.Add(plain.Total)}");

            if (parse.GetValue(mistakesOption))
            {
                await output.WriteLineAsync();
                foreach (var m in pages.Mistakes.Concat(plain.Mistakes))
                    await output.WriteLineAsync($"  {(m.IsPromo ? "promo left in " : "body removed  ")} {m.Item}: {m.Text}");
            }
            return CorpusApp.Ok;
        });
        return command;
    }

    private static async Task WriteReport(TextWriter output, string title, PromoReport report)
    {
        await output.WriteLineAsync($"{title}: {report.Total}");
        foreach (var (language, score) in report.ByLanguage)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {language,-3} precision {score.Precision:0.0000}  recall {score.Recall:0.0000}  promos {score.PromosRemoved}/{score.Promos}  body removed {score.BodyRemoved}/{score.Body}"));
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));

    /// <summary>The dev set of the repository the command runs in (or whose build it is).</summary>
    private static string FindDefaultSet()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Corpus.sln")))
                    return Path.Combine(dir.FullName, DefaultSet);
        throw new CorpusUserException($"No promo dev set found: run inside the Corpus repository or pass --set DIR.");
    }
}
