using System.CommandLine;
using Corpus.Annotation.Topics;
using Corpus.Core;
using Corpus.Core.Jsonl;

namespace Corpus.Cli.Commands;

/// <summary><c>corpus topics train --in LABELLED.jsonl --out MODEL</c>: a topic model from the user's own labels.</summary>
public static class TopicsCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("topics", "Work with the IPTC topic classifier.");
        var input = new Option<string>("--in") { Description = "JSON Lines with text, optional title, and topic (medtop:NN000000 or a key such as 'sport').", Required = true };
        var model = new Option<string>("--out") { Description = "The model file to write (point annotation.topic_model at it).", Required = true };
        var noPriors = new Option<bool>("--no-priors") { Description = "Learn from the labels alone, without the built-in keyword priors." };
        var train = new Command("train", "Train a topic model on labelled documents.") { input, model, noPriors };
        train.SetAction(async (parse, ct) =>
        {
            var inPath = parse.GetValue(input)!;
            var examples = new List<LabelledText>();
            foreach (var (line, obj) in JsonLines.Read(inPath))
            {
                var text = JsonLines.RequireString(obj, "text", inPath, line);
                var label = JsonLines.RequireString(obj, "topic", inPath, line);
                var topic = IptcTopics.Find(label) ?? throw new CorpusUserException($"{inPath} line {line}: '{label}' is not a top-level IPTC Media Topic.");
                examples.Add(new LabelledText(text, obj["title"]?.GetValue<string>(), topic));
            }
            var start = parse.GetValue(noPriors) ? new TopicModel(IptcTopics.All, [], "empty") : TopicModel.Builtin;
            var outPath = parse.GetValue(model)!;
            var trained = TopicTrainer.Train(examples, start, Path.GetFileName(outPath));
            trained.Save(outPath);
            await output.WriteLineAsync($"Trained on {examples.Count} documents in {examples.Select(e => e.Topic.Id).Distinct().Count()} topics; {trained.FeatureCount} features; wrote {outPath}");
            return CorpusApp.Ok;
        });
        command.Add(train);
        return command;
    }
}
