using System.CommandLine;
using Corpus.Annotation;
using Corpus.Core.Jsonl;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus annotate --in IN.jsonl [--out OUT.jsonl]</c>: language, topic and counts for any JSON Lines corpus, read
/// with the same record mapping as <c>filter</c> (<see cref="DocumentJson"/>): provenance only when the record has it.
/// </summary>
public static class AnnotateCommand
{
    public static Command Create(TextWriter output)
    {
        var input = new Option<string>("--in") { Description = "JSON Lines with id, text and optional title, url, language_declared, section ('-' for stdin): what extract, filter or dedup write.", Required = true };
        var outPath = new Option<string?>("--out") { Description = "Where to write the annotated lines (default: standard output)." };
        var options = new AnnotationOptions();
        var command = new Command("annotate", "Add language, topic and token counts to each JSON line.") { input, outPath };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var annotator = options.Build(parse);
            var inPath = parse.GetValue(input)!;
            var target = parse.GetValue(outPath);
            // --out appears only when every line went through: a bad line leaves no partial file.
            await using var file = target is null ? null : JsonLinesOutput.Open(target);
            var writer = file?.Writer ?? output;
            var count = 0;
            foreach (var (line, obj) in JsonLines.Read(inPath))
            {
                ct.ThrowIfCancellationRequested();
                var document = annotator.Annotate(DocumentJson.Read(obj, inPath, line));
                JsonLines.Write(writer, AnnotationInput.WithAnnotations(obj, document));
                count++;
            }
            file?.Commit();
            if (target is not null) await output.WriteLineAsync($"Annotated {count} documents into {target}");
            return CorpusApp.Ok;
        });
        return command;
    }
}
