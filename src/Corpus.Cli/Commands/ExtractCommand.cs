using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Corpus.Cleaning.Promos;
using Corpus.Core.Jsonl;
using Corpus.Extraction;
using Corpus.Extraction.Files;
using Corpus.Text.Promos;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus extract INPUT... [--out FILE.jsonl] [--explain]</c>: HTML files or folders (recursive, .html/.htm, also
/// gzipped) to one JSON line each. An unreadable or failed input gets a line with <c>error</c>; the exit code is 1 if any did.
/// </summary>
public static class ExtractCommand
{
    public static Command Create(TextWriter output)
    {
        var inputs = new Argument<string[]>("INPUT") { Description = "HTML files (.html, .htm, .html.gz) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var outOption = new Option<string?>("--out") { Description = "Write JSON Lines here instead of standard output." };
        var explain = new Option<bool>("--explain") { Description = "Also print, per input, every block or line left out and the rule that left it out (to standard error)." };
        var command = new Command("extract", "Extract article text and metadata from HTML files to JSON Lines.") { inputs, outOption, explain };
        command.SetAction(async (parse, ct) =>
        {
            var outPath = parse.GetValue(outOption);
            var explaining = parse.GetValue(explain);
            var extractor = new FileExtractor(new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default)), new PromoLineRemover(PromoRules.Default));
            var writer = outPath is null ? output : JsonLines.OpenWriter(outPath);
            var failed = 0;
            try
            {
                foreach (var path in HtmlFiles.Expand(parse.GetValue(inputs)!))
                {
                    ct.ThrowIfCancellationRequested();
                    var result = extractor.Extract(path, explain: explaining);
                    if (result.Error is not null) failed++;
                    JsonLines.Write(writer, ToJson(result));
                    if (explaining) await Explain(parse.InvocationConfiguration.Error, result);
                }
            }
            finally
            {
                if (outPath is not null) await writer.DisposeAsync();
            }
            return failed > 0 ? CorpusApp.UserError : CorpusApp.Ok;
        });
        return command;
    }

    private static JsonObject ToJson(FileExtraction r)
    {
        if (r.Error is not null) return new JsonObject { ["source"] = r.Source, ["error"] = r.Error };
        var d = r.Article!.Document;
        var m = r.Article.Metadata;
        var json = new JsonObject
        {
            ["id"] = d.Id,
            ["source"] = r.Source,
            ["url"] = m.CanonicalUrl,
            ["title"] = d.Title,
            ["author"] = d.Author,
            ["published"] = d.Published?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["modified"] = d.Modified?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["section"] = d.Section,
            ["tags"] = m.Tags.Count == 0 ? null : new JsonArray(m.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["site_name"] = d.SiteName,
            ["description"] = m.Description,
            ["language_declared"] = d.LanguageDeclared,
            ["metadata_sources"] = new JsonObject(m.Sources.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["charset"] = r.Article.Charset,
            ["text"] = r.Text,
            ["promos_removed"] = r.PromosRemoved,
        };
        // A page the build would not keep says why, so the output explains what a build would do with it.
        if (d.ExclusionRule is not null) json["excluded"] = $"{d.ExclusionRule}={d.ExclusionValue}";
        return json;
    }

    private static async Task Explain(TextWriter error, FileExtraction r)
    {
        await error.WriteLineAsync($"== {r.Source}");
        if (r.Error is not null) { await error.WriteLineAsync($"  failed: {r.Error}"); return; }
        foreach (var block in r.Article!.Content.Dropped) await error.WriteLineAsync($"  - [{block.Rule}] {block.Text}");
        foreach (var block in r.Article.Content.Promos) await error.WriteLineAsync($"  - [{block.Rule}] {block.Text}");
        foreach (var line in r.PromoLines) await error.WriteLineAsync($"  - [{line.Rule}] {line.Text}");
    }
}
