using System.CommandLine;
using System.Globalization;
using Corpus.Annotation.Topics;
using Corpus.Core;
using Corpus.Core.Jsonl;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus topics train --in LABELLED.jsonl [--from RELEASE_OR_PAGES.jsonl] --out MODEL</c>: a topic model from labelled
/// documents and from pages whose section or URL path the section table maps to a topic (distant labels).
/// </summary>
public static class TopicsCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("topics", "Work with the IPTC topic classifier.");
        var input = new Option<string[]>("--in") { Description = "JSON Lines with text, optional title, and topic (medtop:NN000000 or a key such as 'sport'); repeatable. A file trains only among the topics it contains.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string[]>("--from") { Description = "A release folder, or JSON Lines of pages (text, url, optional title and section): pages whose section or URL path maps to a topic are labelled by it; repeatable.", AllowMultipleArgumentsPerToken = true };
        var minPages = new Option<int>("--min-pages") { Description = "A topic only the --from pages bring is trained only when it has at least this many pages; it is then trained against every --in file's texts too.", DefaultValueFactory = _ => TopicTrainer.DefaultMinPages };
        var model = new Option<string>("--out") { Description = "The model file to write (point annotation.topic_model at it)." };
        var learnedWeight = new Option<double>("--learned-weight") { Description = "How much the regression's scores count beside the priors when the model is used (training is not affected).", DefaultValueFactory = _ => TopicTrainer.DefaultLearnedWeight };
        var naiveBayes = new Option<double>("--naive-bayes") { Description = "Start the regression's weights from naive-Bayes log-count ratios times this (0: from zero); --l2 then pulls towards them." };
        var subwords = new Option<string?>("--subwords") { Description = $"Add o200k_base tokens as features: '{SubwordFeatures.Tokens}' (each token) or '{SubwordFeatures.TokenPairs}' (and each pair of neighbouring tokens in a word); recorded in the model." };
        var wordFeatures = new Option<string?>("--word-features") { Description = "Add word features: 'prefixN' (the first N letters of a word at least N + 2 long), 'skip' (pairs of words one word apart), or both joined by '+'; recorded in the model." };
        var nbScale = new Option<double>("--nb-scale") { Description = "Scale each feature by its naive-Bayes log-count ratio's largest magnitude over the topics, relative to the mean, to this power while training (0: off); recorded in the model." };
        var dropout = new Option<double>("--feature-dropout") { Description = "Leave each feature of each example out of an update with this probability while training (0: off); recorded in the model." };
        var folds = new Option<int>("--folds") { Description = "Print the accuracy per language of K-fold cross-validation grouped by sentence (ids ending in the same number share a fold), before writing --out if given." };
        var noPriors = new Option<bool>("--no-priors") { Description = "Learn from the labels alone, without the built-in keyword priors." };
        var priorWeight = new Option<double>("--prior-weight") { Description = "How much ln(1 + keyword evidence) counts in a topic's logit.", DefaultValueFactory = _ => TopicTrainer.DefaultPriorWeight };
        var priorWeightLong = new Option<double>("--prior-weight-long") { Description = "The same on a long text (the weight moves from --prior-weight on a sentence to this on an article).", DefaultValueFactory = _ => TopicTrainer.DefaultLongPriorWeight };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => TopicTrainer.DefaultOptions.Epochs };
        var l2 = new Option<double>("--l2") { Description = "Pull of each weight towards zero per update (regularisation).", DefaultValueFactory = _ => TopicTrainer.DefaultOptions.L2 };
        var prune = new Option<double>("--prune") { Description = "Weights closer to zero than this are dropped (a smaller file).", DefaultValueFactory = _ => TopicTrainer.DefaultOptions.Prune };
        var balance = new Option<double>("--class-balance") { Description = "Scale each example's update by (mean topic count / its topic's count) to this power (0: every example counts once)." };
        var seeds = new Option<int>("--seeds") { Description = "Average the weights of this many trainings, each visiting the examples in another seeded order.", DefaultValueFactory = _ => TopicTrainer.DefaultOptions.Seeds };
        var chars = new Option<string>("--char-ngrams") { Description = "Character n-gram lengths as MIN-MAX (0-0: none).", DefaultValueFactory = _ => $"{TopicTrainer.Spec.CharMin}-{TopicTrainer.Spec.CharMax}" };
        var bits = new Option<int>("--bits") { Description = "Hash buckets as a power of two (the model holds one weight per bucket and topic).", DefaultValueFactory = _ => TopicTrainer.Spec.Bits };
        var train = new Command("train", "Train a topic model on labelled documents and section-labelled pages.") { input, from, minPages, model, noPriors, priorWeight, priorWeightLong, epochs, l2, prune, chars, bits, learnedWeight, naiveBayes, subwords, wordFeatures, nbScale, dropout, balance, seeds, folds };
        train.SetAction(async (parse, ct) =>
        {
            var examples = new List<LabelledText>();
            foreach (var inPath in parse.GetValue(input) ?? []) examples.AddRange(ReadLabelled(inPath));
            foreach (var fromPath in parse.GetValue(from) ?? []) examples.AddRange(await SectionLabelledPages.ReadAsync(fromPath, ct));
            if (examples.Count == 0) throw new CorpusUserException("Nothing to train on: give labelled documents with --in or section-labelled pages with --from.");
            var outPath = parse.GetValue(model);
            var k = parse.GetValue(folds);
            if (outPath is null && k == 0) throw new CorpusUserException("Give --out to write a model, or --folds to cross-validate.");
            var range = parse.GetValue(chars)!.Split('-');
            if (range.Length != 2 || !int.TryParse(range[0], out var charMin) || !int.TryParse(range[1], out var charMax) || charMin > charMax || charMax > 6)
                throw new CorpusUserException($"--char-ngrams '{parse.GetValue(chars)}' is not MIN-MAX with lengths up to 6.");
            if (parse.GetValue(naiveBayes) < 0) throw new CorpusUserException("--naive-bayes must be 0 or more.");
            if (parse.GetValue(subwords) is { } sw && !SubwordFeatures.Known(sw))
                throw new CorpusUserException($"--subwords '{sw}' is not {SubwordFeatures.KnownKinds}.");
            if (parse.GetValue(wordFeatures) is { } wf && !WordShapeFeatures.Known(wf))
                throw new CorpusUserException($"--word-features '{wf}' is not {WordShapeFeatures.KnownKinds}.");
            if (parse.GetValue(nbScale) < 0) throw new CorpusUserException("--nb-scale must be 0 or more.");
            if (parse.GetValue(dropout) is < 0 or >= 1) throw new CorpusUserException("--feature-dropout must be at least 0 and below 1.");
            if (parse.GetValue(balance) < 0) throw new CorpusUserException("--class-balance must be 0 or more.");
            if (parse.GetValue(seeds) < 1) throw new CorpusUserException("--seeds must be 1 or more.");
            if (parse.GetValue(minPages) < 1) throw new CorpusUserException("--min-pages must be 1 or more.");
            if (parse.GetValue(bits) is < 8 or > 24) throw new CorpusUserException("--bits must be between 8 and 24.");
            var spec = TopicTrainer.Spec with { Bits = parse.GetValue(bits), CharMin = charMin, CharMax = charMax };
            var options = TopicTrainer.DefaultOptions with { Epochs = parse.GetValue(epochs), L2 = parse.GetValue(l2), Prune = parse.GetValue(prune), ClassBalance = parse.GetValue(balance), Seeds = parse.GetValue(seeds), Dropout = parse.GetValue(dropout) };
            TopicModel Train(IReadOnlyList<LabelledText> on, string name) =>
                TopicTrainer.Train(on, name, parse.GetValue(priorWeight), priors: !parse.GetValue(noPriors), options, spec, parse.GetValue(priorWeightLong), parse.GetValue(learnedWeight), parse.GetValue(naiveBayes), parse.GetValue(subwords), parse.GetValue(minPages), parse.GetValue(wordFeatures), parse.GetValue(nbScale));
            var leftOut = TopicTrainer.TooFewPages(examples, parse.GetValue(minPages));
            foreach (var (topic, pages) in leftOut)
                await output.WriteLineAsync($"Left out {topic.Label} ({topic.Id}): only section-labelled pages bring it, and {pages} page(s) are fewer than --min-pages {parse.GetValue(minPages)}.");
            var used = examples.Where(e => !leftOut.Any(l => l.Topic.Id == e.Topic.Id)).ToList();
            if (k != 0) await output.WriteLineAsync(TopicCrossValidation.Format(TopicCrossValidation.Run(examples, k, on => Train(on, "fold")), k));
            if (outPath is null) return CorpusApp.Ok;
            var trained = Train(examples, Path.GetFileName(outPath));
            trained.Save(outPath);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Trained on {used.Count} documents in {used.Select(e => e.Topic.Id).Distinct().Count()} topics ({used.Count(e => e.Distant)} labelled by section); {trained.Learned!.NonZeroBuckets} buckets; wrote {outPath} ({new FileInfo(outPath).Length / 1024.0:0} KB)"));
            return CorpusApp.Ok;
        });
        command.Add(train);
        return command;
    }

    private static List<LabelledText> ReadLabelled(string path)
    {
        var rows = new List<(string Text, string? Title, IptcTopic Topic, string? Id, string? Language)>();
        foreach (var (line, obj) in JsonLines.Read(path))
        {
            var text = JsonLines.RequireString(obj, "text", path, line);
            var label = JsonLines.RequireString(obj, "topic", path, line);
            var topic = IptcTopics.Find(label) ?? throw new CorpusUserException($"{path} line {line}: '{label}' is not a top-level IPTC Media Topic.");
            rows.Add((text, JsonLines.OptionalString(obj, "title", path, line), topic, JsonLines.OptionalString(obj, "id", path, line), JsonLines.OptionalString(obj, "language", path, line)));
        }
        var allowed = rows.Select(r => r.Topic).DistinctBy(t => t.Id).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        return rows.Select(r => new LabelledText(r.Text, r.Title, r.Topic, allowed)
        {
            Group = r.Id is null ? null : TopicCrossValidation.GroupOf(r.Id),
            Language = r.Language,
        }).ToList();
    }
}
