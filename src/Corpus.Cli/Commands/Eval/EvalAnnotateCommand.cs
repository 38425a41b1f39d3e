using System.CommandLine;
using System.Globalization;
using Corpus.Annotation;
using Corpus.Annotation.Evaluation;
using Corpus.Core.Jsonl;

namespace Corpus.Cli.Commands.Eval;

/// <summary>
/// <c>corpus eval annotate --in LABELLED.jsonl</c>: language accuracy (with the id/ms confusion, and the detector alone
/// beside the detector with evidence) and topic accuracy, macro-F1 and confusion. Gold labels are the input's
/// <c>language</c> and <c>topic</c> fields; a line may carry either or both.
/// </summary>
public static class EvalAnnotateCommand
{
    public static Command Create(TextWriter output)
    {
        var input = new Option<string>("--in") { Description = "Labelled JSON Lines: id, text, optional title/url/language_declared/section, gold language and/or topic.", Required = true };
        var options = new AnnotationOptions();
        var command = new Command("annotate", "Language and topic accuracy on a labelled set.") { input };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var annotator = options.Build(parse);
            var inPath = parse.GetValue(input)!;
            var eval = new AnnotationEvaluation();
            foreach (var (line, obj) in JsonLines.Read(inPath))
            {
                ct.ThrowIfCancellationRequested();
                var document = AnnotationInput.ToDocument(obj, inPath, line);
                eval.Add(annotator, document, obj["language"]?.GetValue<string>(), obj["topic"]?.GetValue<string>());
            }
            foreach (var line in Report(eval, annotator, inPath)) await output.WriteLineAsync(line);
            return CorpusApp.Ok;
        });
        return command;
    }

    private static IEnumerable<string> Report(AnnotationEvaluation e, Annotator annotator, string path)
    {
        static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        yield return $"eval annotate: {path}: {e.Documents} documents; candidates {string.Join(",", annotator.Language.Candidates)}; topic model {annotator.Topics.Model.Name}";
        if (e.Language.Total > 0)
        {
            yield return $"language accuracy: {F(e.Language.Accuracy)} ({e.Language.Correct}/{e.Language.Total}) with evidence; {F(e.DetectorAlone.Accuracy)} ({e.DetectorAlone.Correct}/{e.DetectorAlone.Total}) detector alone";
            if (e.IdMs.Total > 0)
            {
                yield return $"id vs ms accuracy: {F(e.IdMs.Accuracy)} ({e.IdMs.Correct}/{e.IdMs.Total}) with evidence; {F(e.IdMsDetectorAlone.Accuracy)} ({e.IdMsDetectorAlone.Correct}/{e.IdMsDetectorAlone.Total}) detector alone";
                yield return "id/ms confusion, with evidence:";
                foreach (var row in e.IdMs.Table(s => s)) yield return "  " + row;
                yield return "id/ms confusion, detector alone:";
                foreach (var row in e.IdMsDetectorAlone.Table(s => s)) yield return "  " + row;
            }
        }
        if (e.Topic.Total > 0)
        {
            yield return $"topic accuracy: {F(e.Topic.Accuracy)} ({e.Topic.Correct}/{e.Topic.Total}); macro-F1 {F(e.Topic.MacroF1)}";
            yield return "topic confusion:";
            foreach (var row in e.Topic.Table(AnnotationEvaluation.ShortName)) yield return "  " + row;
        }
    }
}
