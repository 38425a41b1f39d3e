using System.Text.Json.Nodes;
using Corpus.Annotation.Topics;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

public sealed class TopicCrossValidationTests
{
    [Theory]
    [InlineData("sib-train-id-403", "403")]
    [InlineData("sib-train-zh-403", "403")]
    [InlineData("sib-train-en-1592", "1592")]
    [InlineData("no-number-here", "no-number-here")]
    public void The_translations_of_one_sentence_share_a_group(string id, string group) =>
        Assert.Equal(group, TopicCrossValidation.GroupOf(id));

    [Fact]
    public void Folds_split_groups_and_use_every_fold()
    {
        var folds = Enumerable.Range(0, 200).Select(i => TopicCrossValidation.FoldOf(i.ToString(), 5)).ToList();
        Assert.Equal([0, 1, 2, 3, 4], folds.Distinct().Order());
        Assert.All(folds.GroupBy(f => f), g => Assert.InRange(g.Count(), 20, 60));
    }

    [Fact]
    public void Every_document_is_scored_once_by_a_model_that_never_saw_its_group()
    {
        // Two languages, one sentence per group: a model that saw a group would know its made-up word.
        var examples = Enumerable.Range(0, 12).SelectMany(i => new[] { "en", "xx" }.Select(lang => new LabelledText(
            $"Word{i}x{(i % 2 == 0 ? "storm" : "vote")} {lang}", null, IptcTopics.Get(i % 2 == 0 ? "weather" : "politics")) { Group = i.ToString(), Language = lang })).ToList();
        var seen = new List<int>();
        var rows = TopicCrossValidation.Run(examples, 3, train =>
        {
            lock (seen) seen.Add(train.Count);
            foreach (var e in train) Assert.DoesNotContain(examples.Where(x => x.Group == e.Group), x => !train.Contains(x));
            return TopicTrainer.Train(train, "fold");
        });
        Assert.Equal(3, seen.Count);
        Assert.Equal(2 * examples.Count, seen.Sum());
        Assert.Equal(["en", "xx", "(all)"], rows.Select(r => r.Language));
        Assert.Equal(12, rows[0].Documents);
        Assert.Equal(24, rows[2].Documents);
        Assert.Equal(rows[0].Model + rows[1].Model, rows[2].Model);
    }

    [Fact]
    public async Task Topics_train_with_folds_prints_accuracy_per_language_and_needs_no_out()
    {
        using var work = new TempDir();
        var input = work.File("labelled.jsonl");
        await File.WriteAllLinesAsync(input, Enumerable.Range(0, 20).SelectMany(i => new[] { "en", "id" }.Select(lang => new JsonObject
        {
            ["id"] = $"set-{lang}-{i}",
            ["language"] = lang,
            ["text"] = i % 2 == 0 ? $"The striker scored goal number {i} in the league." : $"Parliament passed budget bill number {i}.",
            ["topic"] = i % 2 == 0 ? "sport" : "politics",
        }.ToJsonString())));
        var result = await CliRunner.RunAsync("topics", "train", "--in", input, "--folds", "4");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("4-fold cross-validation", result.Output);
        Assert.Matches(@"\nen\t20\t\d\.\d{3}\t\d\.\d{3}", result.Output);
        Assert.Matches(@"\nid\t20\t\d\.\d{3}\t\d\.\d{3}", result.Output);
        Assert.False(File.Exists(work.File("m")));

        var neither = await CliRunner.RunAsync("topics", "train", "--in", input);
        Assert.Equal(1, neither.ExitCode);
        Assert.Contains("--folds", neither.Error);
        var one = await CliRunner.RunAsync("topics", "train", "--in", input, "--folds", "1");
        Assert.Equal(1, one.ExitCode);
    }

    [Fact]
    public void The_learned_weight_travels_in_the_model_and_scales_the_regression()
    {
        using var dir = new TempDir();
        var examples = new[]
        {
            new LabelledText("Residents reported quorvexing over the hills.", null, IptcTopics.Get("weather")), new LabelledText("More quorvexing is expected tonight.", null, IptcTopics.Get("weather")),
            new LabelledText("The council met to discuss the parking plan.", null, IptcTopics.Get("politics")), new LabelledText("The council voted on the parking plan.", null, IptcTopics.Get("politics")),
        };
        TopicTrainer.Train(examples, "full", learnedWeight: 1).Save(dir.File("full"));
        TopicTrainer.Train(examples, "half", learnedWeight: 0.5).Save(dir.File("half"));
        TopicTrainer.Train(examples, "none", learnedWeight: 0).Save(dir.File("none"));
        var (full, half, none) = (TopicModel.Load(dir.File("full")), TopicModel.Load(dir.File("half")), TopicModel.Load(dir.File("none")));
        Assert.Equal(1, full.LearnedWeight);
        Assert.Equal(0.5, half.LearnedWeight);
        Assert.Equal(TopicTrainer.DefaultLearnedWeight, TopicTrainer.Train(examples, "default").LearnedWeight);

        const string sentence = "quorvexing over the hills again.";
        var weather = full.Topics.Select((t, i) => (t, i)).Single(p => p.t.Id == "medtop:17000000").i;
        var priorsAlone = new TopicModel(IptcTopics.All, KeywordPriors.Load(), "priors", full.Learned) { RegressionUpTo = 0 };
        var (alone, zero) = (priorsAlone.Score(sentence, null), none.Score(sentence, null));
        for (var t = 0; t < alone.Length; t++) Assert.Equal(alone[t], zero[t], 9);
        Assert.True(full.Score(sentence, null)[weather] > half.Score(sentence, null)[weather]);
        Assert.True(half.Score(sentence, null)[weather] > none.Score(sentence, null)[weather]);
    }
}
