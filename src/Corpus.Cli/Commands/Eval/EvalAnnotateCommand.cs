using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Corpus.Annotation;
using Corpus.Annotation.Evaluation;
using Corpus.Annotation.Language;
using Corpus.Annotation.Topics;
using Corpus.Core.Documents;
using Corpus.Core.Jsonl;

namespace Corpus.Cli.Commands.Eval;

/// <summary>
/// <c>corpus eval annotate --in LABELLED.jsonl… [--held-aside DSLCC.jsonl]</c>: language accuracy per file and gold
/// language (first-stage detector alone, plus the Indonesian/Malay discriminator, plus page evidence), the id/ms
/// confusion both ways, and topic accuracy and macro-F1 per file and language next to the keyword-prior baseline.
/// Gold labels are the input's <c>language</c> and <c>topic</c> fields; a line may carry either or both.
/// </summary>
public static class EvalAnnotateCommand
{
    public static Command Create(TextWriter output)
    {
        var input = new Option<string[]>("--in") { Description = "Labelled JSON Lines: id, text, optional title/url/language_declared/section, gold language and/or topic; repeatable.", AllowMultipleArgumentsPerToken = true };
        var heldAside = new Option<string[]>("--held-aside") { Description = "A DSLCC-style file of which only the held-aside half (odd id numbers, never trained on) is measured; repeatable.", AllowMultipleArgumentsPerToken = true };
        var pages = new Option<string[]>("--pages") { Description = "JSON Lines of pages (text, url, optional title/section), e.g. corpus extract's output: those the section table labels are scored on their title and text alone, url and section hidden; repeatable.", AllowMultipleArgumentsPerToken = true };
        var options = new AnnotationOptions();
        var command = new Command("annotate", "Language and topic accuracy on labelled sets.") { input, heldAside, pages };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var annotator = options.Build(parse);
            var baseline = new TopicClassifier(TopicModel.KeywordPriorsOnly, SectionDictionary.Default) { MinEvidence = annotator.Topics.MinEvidence };
            var eval = new AnnotationEvaluation(annotator.Topics.Model.Learned is null ? null : baseline);
            var files = (parse.GetValue(input) ?? []).Select(p => (Path: p, Held: false))
                .Concat((parse.GetValue(heldAside) ?? []).Select(p => (Path: p, Held: true))).ToList();
            var pageFiles = parse.GetValue(pages) ?? [];
            if (files.Count == 0 && pageFiles.Length == 0) throw new Corpus.Core.CorpusUserException("Give at least one labelled file with --in, --held-aside or --pages.");
            foreach (var (path, held) in files)
            {
                var name = held ? path + " (held-aside half)" : path;
                foreach (var (line, obj) in JsonLines.Read(path))
                {
                    ct.ThrowIfCancellationRequested();
                    if (held && !IdMsTraining.HeldAside(JsonLines.RequireString(obj, "id", path, line))) continue;
                    var document = AnnotationInput.ToDocument(obj, path, line);
                    eval.Add(annotator, document, JsonLines.OptionalString(obj, "language", path, line), JsonLines.OptionalString(obj, "topic", path, line), name);
                }
            }
            foreach (var path in pageFiles)
                foreach (var (line, obj) in JsonLines.Read(path))
                {
                    ct.ThrowIfCancellationRequested();
                    if (SectionLabelledPage(annotator, obj, path, line) is var (document, topic))
                        eval.Add(annotator, document, null, topic, path + " (section-labelled, text alone)");
                }
            foreach (var line in Report(eval, annotator)) await output.WriteLineAsync(line);
            return CorpusApp.Ok;
        });
        return command;
    }

    /// <summary>
    /// A page the section table labels by its declared section or URL, as a document without them: the label is the
    /// page's own filing, so the text must find the topic unaided.
    /// </summary>
    private static (Document Document, string Topic)? SectionLabelledPage(Annotator annotator, JsonObject obj, string path, long line)
    {
        var text = JsonLines.OptionalString(obj, "text", path, line);
        if (string.IsNullOrWhiteSpace(text)) return null;
        var label = annotator.Topics.FromMetadata(JsonLines.OptionalString(obj, "section", path, line), JsonLines.OptionalString(obj, "url", path, line));
        if (label is null) return null;
        var document = new Document
        {
            Id = JsonLines.OptionalString(obj, "id", path, line) ?? line.ToString(CultureInfo.InvariantCulture),
            Url = null,
            SourceUrl = null,
            Domain = null,
            FetchedAt = null,
            Text = text,
            Title = JsonLines.OptionalString(obj, "title", path, line),
            Section = null,
        };
        return (document, label.Topic.Id);
    }

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Report(AnnotationEvaluation e, Annotator annotator)
    {
        var baselineShown = e.TopicBaseline.Total > 0;
        yield return $"eval annotate: {e.Documents} documents; candidates {string.Join(",", annotator.Language.Candidates)}; topic model {annotator.Topics.Model.Name}" +
                     (baselineShown ? "; topic baseline: keyword priors" : "");
        if (e.Language.Total > 0)
        {
            yield return $"language accuracy: {F(e.Language.Accuracy)} ({e.Language.Correct}/{e.Language.Total}) with evidence; {F(e.TextAlone.Accuracy)} text (detector + id/ms discriminator); {F(e.DetectorAlone.Accuracy)} ({e.DetectorAlone.Correct}/{e.DetectorAlone.Total}) detector alone";
            yield return "language accuracy per file and gold language: detector alone | + id/ms discriminator | + page evidence";
            foreach (var (key, g) in e.Groups.Where(g => g.Value.Language.Total > 0))
                yield return $"  {key.Replace('\t', ' ')}: n={g.Language.Total}  {F(g.DetectorAlone.Accuracy)} | {F(g.TextAlone.Accuracy)} | {F(g.Language.Accuracy)}";
            if (e.IdMs.Total > 0)
            {
                yield return $"id vs ms accuracy: {F(e.IdMs.Accuracy)} ({e.IdMs.Correct}/{e.IdMs.Total}) with evidence; {F(e.IdMsText.Accuracy)} text; {F(e.IdMsDetectorAlone.Accuracy)} ({e.IdMsDetectorAlone.Correct}/{e.IdMsDetectorAlone.Total}) detector alone";
                yield return "id/ms confusion, with evidence:";
                foreach (var row in e.IdMs.Table(s => s)) yield return "  " + row;
                yield return "id/ms confusion, text (detector + discriminator):";
                foreach (var row in e.IdMsText.Table(s => s)) yield return "  " + row;
                yield return "id/ms confusion, detector alone:";
                foreach (var row in e.IdMsDetectorAlone.Table(s => s)) yield return "  " + row;
            }
        }
        if (e.Topic.Total > 0)
        {
            yield return $"topic accuracy: {F(e.Topic.Accuracy)} ({e.Topic.Correct}/{e.Topic.Total}); macro-F1 {F(e.Topic.MacroF1)}" +
                         (baselineShown ? $"; keyword priors: accuracy {F(e.TopicBaseline.Accuracy)}, macro-F1 {F(e.TopicBaseline.MacroF1)}" : "");
            yield return "topic per file and gold language: accuracy, macro-F1 (model | keyword priors)";
            foreach (var (key, g) in e.Groups.Where(g => g.Value.Topic.Total > 0))
                yield return $"  {key.Replace('\t', ' ')}: n={g.Topic.Total}  accuracy {F(g.Topic.Accuracy)}" + (baselineShown ? $" | {F(g.TopicBaseline.Accuracy)}" : "") +
                             $"  macro-F1 {F(g.Topic.MacroF1)}" + (baselineShown ? $" | {F(g.TopicBaseline.MacroF1)}" : "");
            yield return "topic confusion:";
            foreach (var row in e.Topic.Table(AnnotationEvaluation.ShortName)) yield return "  " + row;
        }
    }
}
