using Corpus.Annotation.Features;
using Corpus.Annotation.Topics;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

public sealed class FeatureDropoutTests
{
    private static readonly LabelledText[] Examples =
    [
        new("Residents reported heavy rain over the hills.", null, IptcTopics.Get("weather")),
        new("More rain and wind are expected tonight.", null, IptcTopics.Get("weather")),
        new("The council met to discuss the parking plan.", null, IptcTopics.Get("politics")),
        new("The council voted on the parking plan tonight.", null, IptcTopics.Get("politics")),
    ];

    private const string Text = "Rain before the council vote tonight.";

    private static double[] Scores(TopicModel model) => model.Learned!.Scores(TopicModel.LearnedFeatures(model.Learned!, Text, null));

    [Fact]
    public void Dropout_changes_the_training_the_same_way_each_time_and_is_recorded()
    {
        var options = TopicTrainer.DefaultOptions with { Dropout = 0.3 };
        var a = TopicTrainer.Train(Examples, "a", options: options);
        var b = TopicTrainer.Train(Examples, "b", options: options);
        var plain = TopicTrainer.Train(Examples, "plain");
        Assert.Equal(Scores(a), Scores(b));
        Assert.NotEqual(Scores(plain), Scores(a));
        Assert.Equal("0.3", a.Learned!.Properties[TopicTrainer.DropoutProperty]);
        Assert.False(plain.Learned!.Properties.ContainsKey(TopicTrainer.DropoutProperty));
    }

    [Fact]
    public void Dropout_0_trains_what_the_default_options_train()
    {
        var zero = TopicTrainer.Train(Examples, "zero", options: TopicTrainer.DefaultOptions with { Dropout = 0 });
        var plain = TopicTrainer.Train(Examples, "plain");
        Assert.Equal(Scores(plain), Scores(zero));
        Assert.Equal(plain.Learned!.Properties, zero.Learned!.Properties);
    }

    [Fact]
    public async Task Topics_train_rejects_a_dropout_of_1()
    {
        using var work = new TempDir();
        var input = work.File("labelled.jsonl");
        await File.WriteAllLinesAsync(input, ["{\"text\":\"The striker scored.\",\"topic\":\"sport\"}", "{\"text\":\"Parliament voted.\",\"topic\":\"politics\"}"]);
        var bad = await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File("m"), "--feature-dropout", "1");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--feature-dropout", bad.Error);
    }
}
