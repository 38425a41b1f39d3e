using System.CommandLine;
using System.Globalization;
using Corpus.Annotation.Topics;
using Corpus.Core;
using Corpus.Core.Jsonl;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus topics train --in LABELLED.jsonl [--from PAGES.jsonl] --out MODEL</c>: a topic model from labelled
/// documents and from pages whose section or URL path the section table maps to a topic (distant labels).
/// </summary>
public static class TopicsCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("topics", "Work with the IPTC topic classifier.");
        var input = new Option<string[]>("--in") { Description = "JSON Lines with text, optional title, and topic (medtop:NN000000 or a key such as 'sport'); repeatable. A file trains only among the topics it contains.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string[]>("--from") { Description = "JSON Lines of pages (text, url, optional title and section): those whose section or URL path maps to a topic are labelled by it; repeatable.", AllowMultipleArgumentsPerToken = true };
        var model = new Option<string>("--out") { Description = "The model file to write (point annotation.topic_model at it).", Required = true };
        var noPriors = new Option<bool>("--no-priors") { Description = "Learn from the labels alone, without the built-in keyword priors." };
        var priorWeight = new Option<double>("--prior-weight") { Description = "How much ln(1 + keyword evidence) counts in a topic's logit.", DefaultValueFactory = _ => TopicTrainer.DefaultPriorWeight };
        var train = new Command("train", "Train a topic model on labelled documents and section-labelled pages.") { input, from, model, noPriors, priorWeight };
        train.SetAction(async (parse, ct) =>
        {
            var examples = new List<LabelledText>();
            foreach (var inPath in parse.GetValue(input) ?? []) examples.AddRange(ReadLabelled(inPath));
            var distant = 0;
            foreach (var fromPath in parse.GetValue(from) ?? [])
            {
                var before = examples.Count;
                examples.AddRange(ReadSectionLabelled(fromPath));
                distant += examples.Count - before;
            }
            if (examples.Count == 0) throw new CorpusUserException("Nothing to train on: give labelled documents with --in or section-labelled pages with --from.");
            var outPath = parse.GetValue(model)!;
            var trained = TopicTrainer.Train(examples, Path.GetFileName(outPath), parse.GetValue(priorWeight), priors: !parse.GetValue(noPriors));
            trained.Save(outPath);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Trained on {examples.Count} documents in {examples.Select(e => e.Topic.Id).Distinct().Count()} topics ({distant} labelled by section); {trained.Learned!.NonZeroBuckets} buckets; wrote {outPath} ({new FileInfo(outPath).Length / 1024.0:0} KB)"));
            return CorpusApp.Ok;
        });
        command.Add(train);
        return command;
    }

    private static List<LabelledText> ReadLabelled(string path)
    {
        var rows = new List<(string Text, string? Title, IptcTopic Topic)>();
        foreach (var (line, obj) in JsonLines.Read(path))
        {
            var text = JsonLines.RequireString(obj, "text", path, line);
            var label = JsonLines.RequireString(obj, "topic", path, line);
            var topic = IptcTopics.Find(label) ?? throw new CorpusUserException($"{path} line {line}: '{label}' is not a top-level IPTC Media Topic.");
            rows.Add((text, JsonLines.OptionalString(obj, "title", path, line), topic));
        }
        var allowed = rows.Select(r => r.Topic).DistinctBy(t => t.Id).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        return rows.Select(r => new LabelledText(r.Text, r.Title, r.Topic, allowed)).ToList();
    }

    private static IEnumerable<LabelledText> ReadSectionLabelled(string path)
    {
        var sections = new TopicClassifier(TopicModel.KeywordPriorsOnly, SectionDictionary.Default);
        foreach (var (line, obj) in JsonLines.Read(path))
        {
            var text = JsonLines.RequireString(obj, "text", path, line);
            var label = sections.FromMetadata(JsonLines.OptionalString(obj, "section", path, line), JsonLines.OptionalString(obj, "url", path, line));
            if (label is not null) yield return new LabelledText(text, JsonLines.OptionalString(obj, "title", path, line), label.Topic);
        }
    }
}
