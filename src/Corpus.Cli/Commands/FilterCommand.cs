using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Corpus.Cleaning.Quality;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Jsonl;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Pipeline;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus filter --in IN.jsonl --out OUT.jsonl --excluded EXCLUDED.jsonl</c>: the cleaning stage on any JSON Lines
/// corpus (objects with <c>id</c> and <c>text</c>): promo lines, normalisation, PII masking and the quality rules.
/// Kept records get the cleaned text and their counts; excluded ones keep their text and gain <c>rule</c> and <c>value</c>.
/// </summary>
public static class FilterCommand
{
    public static Command Create(TextWriter output)
    {
        var inOption = new Option<string>("--in") { Description = "Input JSON Lines ('-' for standard input).", Required = true };
        var outOption = new Option<string>("--out") { Description = "Kept records, JSON Lines ('-' for standard output).", Required = true };
        var excludedOption = new Option<string>("--excluded") { Description = "Excluded records with rule and value, JSON Lines.", Required = true };
        var recipeOption = new Option<string?>("--recipe") { Description = "Take the quality: thresholds and languages from this recipe (default: the published defaults)." };
        var languageOption = new Option<string?>("--language") { Description = "ISO 639-1 language of records without a 'language' field (for the stop-word rule)." };
        var eachRuleOption = new Option<bool>("--each-rule") { Description = "Also report how many records each rule alone would exclude." };
        var command = new Command("filter", "Remove promo lines, normalise, mask PII and apply the quality rules to a JSON Lines corpus (id, text).")
        {
            inOption, outOption, excludedOption, recipeOption, languageOption, eachRuleOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var recipe = parse.GetValue(recipeOption) is { } path ? RecipeLoader.Load(path) : null;
            var quality = recipe?.Quality ?? new QualitySettings();
            var fallbackLanguage = parse.GetValue(languageOption);
            var languages = recipe?.Languages ?? [];
            if (fallbackLanguage is not null && !languages.Contains(fallbackLanguage)) languages = [.. languages, fallbackLanguage];
            // The build's own cleaning steps, then its quality rules: the same steps over a JSON Lines reader.
            var prepare = DocumentSteps.Clean(quality);
            var rules = QualityStages.Create(quality, languages);
            var eachRule = parse.GetValue(eachRuleOption);
            var alone = new SortedDictionary<string, int>(StringComparer.Ordinal);

            var inPath = parse.GetValue(inOption)!;
            var outPath = parse.GetValue(outOption)!;
            var excludedPath = parse.GetValue(excludedOption)!;
            if (outPath == excludedPath) throw new CorpusUserException("--out and --excluded must be different files.");
            var summary = outPath == "-" || excludedPath == "-" ? Console.Error : output;

            var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
            int input = 0, kept = 0;
            // Both files appear only when every line went through: a bad line leaves no partial output.
            await using (var keptOutput = JsonLinesOutput.Open(outPath))
            await using (var excludedOutput = JsonLinesOutput.Open(excludedPath))
            {
                var keptWriter = keptOutput.Writer;
                var excludedWriter = excludedOutput.Writer;
                foreach (var (line, record) in JsonLines.Read(inPath))
                {
                    ct.ThrowIfCancellationRequested();
                    input++;
                    var id = JsonLines.RequireString(record, "id", inPath, line);
                    var text = JsonLines.RequireString(record, "text", inPath, line);
                    var language = record["language"] is JsonValue v && v.TryGetValue<string>(out var l) ? l : fallbackLanguage;
                    var document = new Document
                    {
                        Id = id, Url = "", SourceUrl = "", Domain = "", FetchedAt = DateTimeOffset.UnixEpoch,
                        Text = text, Language = language,
                    };
                    foreach (var stage in prepare) document = stage.Process(document);
                    if (eachRule)
                        foreach (var (rule, _) in QualityStages.TripsEach(rules, document.Text, document.Language))
                            alone[rule] = alone.GetValueOrDefault(rule) + 1;
                    foreach (var stage in rules)
                    {
                        document = stage.Process(document);
                        if (!document.IsKept) break;
                    }
                    if (document.IsKept)
                    {
                        kept++;
                        record["text"] = document.Text;
                        record["promos_removed"] = document.PromosRemoved;
                        record["mojibake_repairs"] = document.MojibakeRepairs;
                        record["pii_emails"] = document.PiiEmails;
                        record["pii_ip_addresses"] = document.PiiIpAddresses;
                        record["pii_phones"] = document.PiiPhones;
                        JsonLines.Write(keptWriter, record);
                    }
                    else
                    {
                        byRule[document.ExclusionRule!] = byRule.GetValueOrDefault(document.ExclusionRule!) + 1;
                        record["rule"] = document.ExclusionRule;
                        record["value"] = document.ExclusionValue;
                        JsonLines.Write(excludedWriter, record);
                    }
                }
                keptOutput.Commit();
                excludedOutput.Commit();
            }

            await summary.WriteLineAsync($"input {input}, kept {kept}, excluded {input - kept}");
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
}
