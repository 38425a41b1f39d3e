using System.CommandLine;
using System.Text.Json.Nodes;
using Corpus.Cleaning;
using Corpus.Cleaning.Promos;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Jsonl;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Crawling.Warc;
using Corpus.Extraction;
using Corpus.Extraction.Files;
using Corpus.Pipeline;
using Corpus.Text.Promos;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus extract INPUT... [--out FILE.jsonl] [--recipe R] [--explain]</c>: HTML files, WARC files (.warc, .warc.gz)
/// or folders of either (recursive) to one JSON line per page, with the id <c>corpus build</c> gives the page and its
/// provenance, ready for <c>corpus filter --in -</c>. Pages are extracted by the build's extractor (the recipe's
/// extraction settings), then the promo text pass runs, so the text is what the corpus would hold before filtering.
/// A page the build would exclude or fail says so (<c>disposition</c> with <c>rule</c>/<c>value</c> or <c>error</c>).
/// An unreadable or failed HTML input makes the exit code 1; failed responses inside a WARC file are data, not errors.
/// </summary>
public static class ExtractCommand
{
    public static Command Create(TextWriter output)
    {
        var inputs = new Argument<string[]>("INPUT") { Description = "HTML files (.html, .htm, .html.gz), WARC files (.warc, .warc.gz) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var outOption = new Option<string?>("--out") { Description = "Write JSON Lines here instead of standard output." };
        var recipeOption = new Option<string?>("--recipe") { Description = "Take the extraction settings (focus, max_link_density, max_decoded_mb) from this recipe, as its build would." };
        var explain = new Option<bool>("--explain") { Description = "Also print, per input, every block or line left out and the rule that left it out (to standard error)." };
        var command = new Command("extract", "Extract article text and metadata from HTML or WARC files to JSON Lines.") { inputs, outOption, recipeOption, explain };
        command.SetAction(async (parse, ct) =>
        {
            var outPath = parse.GetValue(outOption);
            var explaining = parse.GetValue(explain);
            var recipe = parse.GetValue(recipeOption) is { } r ? RecipeLoader.Load(r) : new Recipe();
            var extractor = DocumentSteps.Extractor(recipe);
            var (htmlFiles, warcFiles) = Inputs(parse.GetValue(inputs)!);
            var error = parse.InvocationConfiguration.Error;
            var writer = outPath is null or "-" ? output : JsonLines.OpenWriter(outPath);
            var failed = 0;
            try
            {
                var files = new FileExtractor(extractor, new PromoLineRemover(PromoRules.Default));
                foreach (var path in htmlFiles)
                {
                    ct.ThrowIfCancellationRequested();
                    var result = files.Extract(path, explain: explaining);
                    if (result.Error is not null) failed++;
                    JsonLines.Write(writer, ToJson(result));
                    if (explaining) await Explain(error, result);
                }
                if (warcFiles.Count > 0)
                {
                    var source = new WarcPageSource(warcFiles, (long)(recipe.Crawl.MaxDecodedMb * 1024 * 1024));
                    var pages = new WarcPages(extractor, new PromoStage(PromoRules.Default));
                    var counts = new Dictionary<Disposition, long>();
                    await foreach (var (document, article) in OrderedParallel.SelectAsync(source.ReadAsync(ct), pages.Extract, Environment.ProcessorCount, ct))
                    {
                        counts[document.Disposition] = counts.GetValueOrDefault(document.Disposition) + 1;
                        JsonLines.Write(writer, ToJson(document, article));
                    }
                    await error.WriteLineAsync($"{counts.Values.Sum()} pages from {warcFiles.Count} WARC file(s): " +
                        string.Join(", ", Enum.GetValues<Disposition>().Where(d => d != Disposition.Duplicate).Select(d => $"{d.ToName()} {counts.GetValueOrDefault(d)}")));
                }
            }
            finally
            {
                if (outPath is null or "-") await writer.FlushAsync(ct);
                else await writer.DisposeAsync();
            }
            return failed > 0 ? CorpusApp.UserError : CorpusApp.Ok;
        });
        return command;
    }

    /// <summary>The HTML files and the WARC files the inputs name: a folder gives both kinds under it, each sorted.</summary>
    private static (IReadOnlyList<string> Html, IReadOnlyList<string> Warc) Inputs(IEnumerable<string> inputs)
    {
        var html = new List<string>();
        var warc = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var before = html.Count + warc.Count;
                html.AddRange(HtmlFiles.Expand([input]));
                warc.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Where(IsWarcPath).Order(StringComparer.Ordinal));
                if (html.Count + warc.Count == before)
                    throw new CorpusUserException($"{input} holds no HTML (.html, .htm) or WARC (.warc, .warc.gz) file.");
            }
            else if (IsWarcPath(input))
            {
                if (!File.Exists(input)) throw new CorpusUserException($"WARC file {input} does not exist.");
                warc.Add(input);
            }
            else html.Add(input);
        }
        return (html, warc);
    }

    private static bool IsWarcPath(string path) =>
        path.EndsWith(".warc", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A WARC page as the build's <c>process</c> step extracts it (a failed fetch or an extractor crash is a failed
    /// document), then the promo text pass the build's cleaning starts with.
    /// </summary>
    private sealed class WarcPages(ArticleExtractor extractor, PromoStage promos)
    {
        public (Document Document, ExtractedArticle? Article) Extract(FetchedPage page)
        {
            if (page.Error is not null) return (Document.FailedPage(page, page.Error), null);
            ExtractedArticle article;
            try
            {
                article = extractor.Analyze(page);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (Document.FailedPage(page, $"{DocumentPipeline.ExtractStep}: {e.Message}"), null);
            }
            var document = article.Document;
            if (document.IsKept)
            {
                try { document = promos.Process(document); }
                catch (Exception e) when (e is not OperationCanceledException) { document = document.Fail($"{promos.Name}: {e.Message}"); }
            }
            return (document, article);
        }
    }

    private static JsonObject ToJson(Document document, ExtractedArticle? article)
    {
        var json = DocumentJson.Write(document);
        if (article is null) return json;
        var m = article.Metadata;
        json["tags"] = m.Tags.Count == 0 ? null : new JsonArray(m.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        json["description"] = m.Description;
        json["metadata_sources"] = new JsonObject(m.Sources.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        json["charset"] = article.Charset;
        return json;
    }

    private static JsonObject ToJson(FileExtraction r)
    {
        // An unreadable file still gets the id a page at its file URL would get, so the next command can account for it.
        if (r.Error is not null && r.Article is null)
            return new JsonObject { ["id"] = DocumentId.FromUrl(new Uri(Path.GetFullPath(r.Source)).AbsoluteUri), ["source"] = r.Source, ["disposition"] = Disposition.Failed.ToName(), ["error"] = r.Error };
        // A file was not fetched: it has no fetch time, and its URL is the page's canonical one or the file's own.
        var document = r.Article!.Document with { FetchedAt = null };
        if (r.Error is null) document = document with { Text = r.Text, PromosRemoved = r.PromosRemoved };
        var json = ToJson(document, r.Article);
        json.Insert(1, "source", r.Source);
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
