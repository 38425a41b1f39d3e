using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Corpus.Annotation;
using Corpus.Annotation.Language;
using Corpus.Cleaning.Quality;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Jsonl;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Pipeline;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus filter --in IN.jsonl [--out OUT.jsonl] [--excluded EXCLUDED.jsonl]</c>: the build's filtering steps on any
/// JSON Lines corpus (objects with <c>id</c> and <c>text</c>), the same step objects in the same order as
/// <c>corpus build</c>: promo lines, normalisation, PII masking, the word floor, language (when the record has none)
/// and the quality rules. Kept records get the cleaned text and their counts (standard output by default); excluded
/// ones keep their text and gain <c>disposition</c>, <c>rule</c> and <c>value</c>. Records an earlier command already
/// marked as not kept (<c>corpus extract</c>'s excluded or failed pages) go to the excluded file as they are.
/// </summary>
public static class FilterCommand
{
    /// <summary>Where excluded records go when <c>--excluded</c> is not given and kept records go to standard output.</summary>
    public const string DefaultExcluded = "excluded.jsonl";

    public static Command Create(TextWriter output)
    {
        var inOption = new Option<string>("--in") { Description = "Input JSON Lines ('-' for standard input).", Required = true };
        var outOption = new Option<string?>("--out") { Description = "Kept records, JSON Lines (default, or '-': standard output)." };
        var excludedOption = new Option<string?>("--excluded") { Description = $"Excluded and failed records with their reason, JSON Lines (default: OUT.excluded.jsonl beside --out, or ./{DefaultExcluded} when kept records go to standard output)." };
        var recipeOption = new Option<string?>("--recipe") { Description = "Take the quality: thresholds, languages and annotation settings from this recipe (default: the published defaults)." };
        var languageOption = new Option<string?>("--language") { Description = "ISO 639-1 language of records without a 'language' field (default: detect it, as the build does)." };
        var eachRuleOption = new Option<bool>("--each-rule") { Description = "Also report how many records each rule alone would exclude." };
        var command = new Command("filter", "Remove promo lines, normalise, mask PII and apply the build's word floor, language and quality rules to a JSON Lines corpus (id, text).")
        {
            inOption, outOption, excludedOption, recipeOption, languageOption, eachRuleOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var recipe = parse.GetValue(recipeOption) is { } path ? RecipeLoader.Load(path) : new Recipe();
            var fallbackLanguage = parse.GetValue(languageOption);
            // The build's own steps over a JSON Lines reader (see DocumentSteps.Filter). The detector keeps the recipe's
            // candidates; the stop-word rule also knows the --language given for records without one.
            var annotator = new Annotator(recipe.Languages, recipe.Annotation, recipe.ResolvePath);
            if (fallbackLanguage is not null && !recipe.Languages.Contains(fallbackLanguage)) recipe.Languages = [.. recipe.Languages, fallbackLanguage];
            var steps = DocumentSteps.Filter(recipe, annotator.Language);
            var eachRule = parse.GetValue(eachRuleOption);
            var alone = new SortedDictionary<string, int>(StringComparer.Ordinal);

            var inPath = parse.GetValue(inOption)!;
            var outPath = parse.GetValue(outOption) is { } o && o != "-" ? o : null;
            var excludedPath = parse.GetValue(excludedOption) ?? (outPath is null ? DefaultExcluded : DefaultExcludedBeside(outPath));
            if (excludedPath == "-") throw new CorpusUserException("--excluded must be a file: standard output is for the kept records.");
            if (outPath is not null && Path.GetFullPath(outPath) == Path.GetFullPath(excludedPath))
                throw new CorpusUserException("--out and --excluded must be different files.");
            // Standard output carries the records when --out is not given: the summary goes to standard error then.
            var summary = outPath is null ? parse.InvocationConfiguration.Error : output;

            var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
            int input = 0, kept = 0;
            // The files appear only when every line went through: a bad line leaves no partial output.
            await using (var keptOutput = JsonLinesOutput.Open(outPath, output))
            await using (var excludedOutput = JsonLinesOutput.Open(excludedPath))
            {
                var results = OrderedParallel.SelectAsync(Lines(inPath), item => Filter(item, inPath, steps, fallbackLanguage, eachRule), Environment.ProcessorCount, ct);
                await foreach (var (record, document, trips) in results)
                {
                    input++;
                    foreach (var rule in trips) alone[rule] = alone.GetValueOrDefault(rule) + 1;
                    if (document.IsKept)
                    {
                        kept++;
                        record["text"] = document.Text;
                        record["promos_removed"] = document.PromosRemoved;
                        record["mojibake_repairs"] = document.MojibakeRepairs;
                        record["pii_emails"] = document.PiiEmails;
                        record["pii_ip_addresses"] = document.PiiIpAddresses;
                        record["pii_phones"] = document.PiiPhones;
                        if (document.Language is not null && record["language"] is null)
                        {
                            record["language"] = document.Language;
                            record["language_score"] = document.LanguageScore;
                        }
                        JsonLines.Write(keptOutput.Writer, record);
                    }
                    else
                    {
                        var reason = document.Disposition == Disposition.Excluded ? document.ExclusionRule ?? "excluded" : document.Disposition.ToName();
                        byRule[reason] = byRule.GetValueOrDefault(reason) + 1;
                        DocumentJson.WriteDisposition(record, document);
                        JsonLines.Write(excludedOutput.Writer, record);
                    }
                }
                keptOutput.Commit();
                excludedOutput.Commit();
            }

            await summary.WriteLineAsync($"input {input}, kept {kept}, excluded {input - kept}" + (input > kept ? $" (written to {excludedPath})" : ""));
            foreach (var (rule, n) in byRule)
                await summary.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {rule,-36} {n,6}  {(double)n / Math.Max(1, input):0.000}"));
            if (eachRule)
            {
                await summary.WriteLineAsync("each rule alone would exclude:");
                foreach (var (rule, n) in alone)
                    await summary.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {rule,-36} {n,6}  {(double)n / Math.Max(1, input):0.000}"));
                if (alone.Count == 0) await summary.WriteLineAsync("  (no rule trips on any record)");
            }
            return CorpusApp.Ok;
        });
        return command;
    }

    /// <summary><c>out.jsonl</c> → <c>out.excluded.jsonl</c> in the same folder.</summary>
    public static string DefaultExcludedBeside(string outPath)
    {
        var name = Path.GetFileName(outPath);
        var stem = name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? name[..^".jsonl".Length] : name;
        return Path.Combine(Path.GetDirectoryName(outPath) ?? "", stem + ".excluded.jsonl");
    }

    private static async IAsyncEnumerable<(long Line, JsonObject Record)> Lines(string path)
    {
        foreach (var item in JsonLines.Read(path))
        {
            yield return item;
            await Task.CompletedTask;
        }
    }

    /// <summary>
    /// One record through the steps, with the build's bookkeeping: a record already not kept passes untouched, a step
    /// that throws fails the record with the step's name (as in the build), and the first exclusion ends the walk.
    /// </summary>
    private static (JsonObject Record, Document Document, IReadOnlyList<string> Trips) Filter(
        (long Line, JsonObject Record) item, string path, IReadOnlyList<IDocumentStage> steps, string? fallbackLanguage, bool eachRule)
    {
        var document = DocumentJson.Read(item.Record, path, item.Line);
        if (!document.IsKept) return (item.Record, document, []);
        if (document.Language is null && fallbackLanguage is not null) document = document with { Language = fallbackLanguage };
        var givenLanguage = document.Language is not null;
        string? screened = null;
        foreach (var step in steps)
        {
            if (!document.IsKept) break;
            // A record that says its language keeps it; otherwise it is detected as the build detects it.
            if (step is LanguageStage && givenLanguage) continue;
            // "Each rule alone" looks at the cleaned text, as the rules would.
            if (eachRule && step is MinWordsFilter) screened = document.Text;
            try
            {
                document = step.Process(document);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                document = document.Fail($"{step.Name}: {e.Message}");
            }
        }
        var trips = eachRule && screened is not null
            ? QualityStages.TripsEach(steps, screened, document.Language).Select(t => t.Rule).ToList()
            : [];
        return (item.Record, document, trips);
    }
}
