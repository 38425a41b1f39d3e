using Corpus.Annotation.Features;
using Corpus.Annotation.Topics;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

public sealed class NaiveBayesStartTests
{
    private static TrainingExample Example(int label, params int[] buckets) =>
        new(new SparseVector(buckets, buckets.Select(_ => 1f).ToArray()), label);

    [Fact]
    public void A_bucket_seen_with_one_topic_starts_towards_it_and_an_unseen_bucket_or_topic_gets_nothing()
    {
        // Bucket 3 only in topic 0, bucket 5 equally in both, bucket 7 in none; topic 2 has no example.
        var examples = new[] { Example(0, 3, 5), Example(0, 3, 5), Example(1, 5, 6), Example(1, 5, 6) };
        const int labels = 3;
        var w = NaiveBayesStart.Weights(examples, 8, labels, 1);

        Assert.True(w[3 * labels + 0] > 0.5);
        Assert.True(w[3 * labels + 1] < -0.5);
        Assert.Equal(0, w[5 * labels + 0], 6);
        Assert.Equal(0, w[5 * labels + 1], 6);
        for (var c = 0; c < labels; c++) Assert.Equal(0, w[7 * labels + c]);
        for (var b = 0; b < 8; b++) Assert.Equal(0, w[b * labels + 2]);

        var doubled = NaiveBayesStart.Weights(examples, 8, labels, 2);
        Assert.Equal(2 * w[3 * labels + 0], doubled[3 * labels + 0], 5);
    }

    [Fact]
    public void The_start_reaches_the_model_before_any_epoch()
    {
        var examples = new[]
        {
            new LabelledText("Residents reported quorvexing over the hills.", null, IptcTopics.Get("weather")),
            new LabelledText("More quorvexing is expected tonight.", null, IptcTopics.Get("weather")),
            new LabelledText("The council met to discuss the parking plan.", null, IptcTopics.Get("politics")),
            new LabelledText("The council voted on the parking plan.", null, IptcTopics.Get("politics")),
        };
        var noEpochs = TopicTrainer.DefaultOptions with { Epochs = 0 };
        var fromZero = TopicTrainer.Train(examples, "zero", options: noEpochs);
        var fromBayes = TopicTrainer.Train(examples, "bayes", options: noEpochs, naiveBayes: 1);
        Assert.Equal(0, fromZero.Learned!.NonZeroBuckets);
        Assert.True(fromBayes.Learned!.NonZeroBuckets > 0);

        var sentence = "quorvexing again";
        var weather = fromBayes.Topics.Select((t, i) => (t, i)).Single(p => p.t.Id == "medtop:17000000").i;
        Assert.True(fromBayes.Score(sentence, null)[weather] > fromZero.Score(sentence, null)[weather]);
    }

    [Fact]
    public async Task Topics_train_with_a_naive_Bayes_start_writes_the_same_bytes_twice()
    {
        using var work = new TempDir();
        var input = await ThreeTopicTrainingFile.WriteAsync(work);
        foreach (var name in new[] { "a", "b" })
        {
            var run = await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File(name), "--naive-bayes", "0.5", "--epochs", "3");
            Assert.True(run.ExitCode == 0, run.Error);
        }
        Assert.Equal(0, (await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File("zero"), "--epochs", "3")).ExitCode);
        Assert.Equal(File.ReadAllBytes(work.File("a")), File.ReadAllBytes(work.File("b")));
        Assert.NotEqual(File.ReadAllBytes(work.File("a")), File.ReadAllBytes(work.File("zero")));

        var bad = await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File("c"), "--naive-bayes", "-1");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--naive-bayes", bad.Error);
    }
}
