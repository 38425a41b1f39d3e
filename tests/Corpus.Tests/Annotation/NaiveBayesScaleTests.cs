using Corpus.Annotation.Features;
using Corpus.Annotation.Topics;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

public sealed class NaiveBayesScaleTests
{
    private static readonly LabelledText[] Examples =
    [
        new("Residents reported quorvexing over the hills.", null, IptcTopics.Get("weather")),
        new("More quorvexing and rain are expected tonight.", null, IptcTopics.Get("weather")),
        new("The council met to discuss the parking plan.", null, IptcTopics.Get("politics")),
        new("The council voted on the parking plan tonight.", null, IptcTopics.Get("politics")),
    ];

    private static TrainingExample Example(int label, params int[] buckets) =>
        new(new SparseVector(buckets, buckets.Select(_ => 1f).ToArray()), label);

    [Fact]
    public void A_bucket_that_leans_to_one_topic_is_scaled_up_an_even_one_down_and_an_unseen_one_to_zero()
    {
        // Bucket 3 only in topic 0, bucket 5 equally in both, bucket 7 in none.
        var examples = new[] { Example(0, 3, 5), Example(0, 3, 5), Example(1, 5, 6), Example(1, 5, 6) };
        var scales = NaiveBayesScale.Factors(examples, 8, 2, 1, NaiveBayesStart.Smoothing);
        Assert.True(scales[3] > 1);
        Assert.True(scales[5] < scales[3]);
        Assert.Equal(0, scales[5], 6);
        Assert.Equal(0, scales[7]);
        // Relative to the mean over the buckets seen, so their mean is 1; alpha 0 leaves every seen bucket at 1.
        Assert.Equal(1, (scales[3] + scales[5] + scales[6]) / 3, 5);
        var off = NaiveBayesScale.Factors(examples, 8, 2, 0, NaiveBayesStart.Smoothing);
        Assert.Equal(1, off[3]);
        Assert.Equal(1, off[6]);
        var half = NaiveBayesScale.Factors(examples, 8, 2, 0.5, NaiveBayesStart.Smoothing);
        Assert.Equal(MathF.Sqrt(scales[3]), half[3], 4);
    }

    [Fact]
    public void Scales_folded_into_the_weights_score_unscaled_features_as_the_trained_weights_score_scaled_ones()
    {
        var examples = new[] { Example(0, 1, 2), Example(0, 1, 3), Example(1, 2, 4), Example(1, 4, 5), Example(1, 3, 4) };
        var spec = new FeatureSpec(Bits: 3, WordBigrams: false, CharMin: 0, CharMax: 0);
        string[] labels = ["a", "b"];
        var scales = NaiveBayesScale.Factors(examples, spec.Buckets, 2, 1, NaiveBayesStart.Smoothing);
        var scaled = NaiveBayesScale.Apply(examples, scales);
        Assert.Equal(scales[1], scaled[0].X.Values[0]);
        var options = new TrainingOptions { Epochs = 5, Prune = 0, Decimals = 6 };
        var folded = LinearTrainer.Train(scaled, spec, labels, options, featureScale: scales);
        var unfolded = LinearTrainer.Train(scaled, spec, labels, options);
        Assert.NotEqual(folded.Scores(examples[0].X), unfolded.Scores(examples[0].X));
        for (var i = 0; i < examples.Length; i++)
        {
            var expected = unfolded.Scores(scaled[i].X);
            var actual = folded.Scores(examples[i].X);
            for (var c = 0; c < 2; c++) Assert.Equal(expected[c], actual[c], 4);
        }
    }

    [Fact]
    public void A_topic_model_trained_with_it_records_it_and_changes_and_one_without_it_does_not_record_it()
    {
        var plain = TopicTrainer.Train(Examples, "plain", naiveBayes: 1).Learned!;
        var scaled = TopicTrainer.Train(Examples, "scaled", naiveBayes: 1, nbScale: 0.5).Learned!;
        Assert.False(plain.Properties.ContainsKey(NaiveBayesScale.Property));
        Assert.Equal("0.5", scaled.Properties[NaiveBayesScale.Property]);
        const string text = "Quorvexing over the council tonight.";
        Assert.NotEqual(plain.Scores(TopicModel.LearnedFeatures(plain, text, null)), scaled.Scores(TopicModel.LearnedFeatures(scaled, text, null)));

        // Scoring needs nothing of the option: the table scoring reads gives what the training features give.
        var expected = scaled.Scores(TopicModel.LearnedFeatures(scaled, text, null));
        var actual = new double[scaled.Labels.Count];
        new TopicWeights(scaled).AddScores([], text, actual);
        for (var c = 0; c < actual.Length; c++) Assert.InRange(actual[c], expected[c] - 1e-4, expected[c] + 1e-4);
    }

    [Fact]
    public async Task Topics_train_with_nb_scale_writes_the_same_bytes_twice_and_0_writes_what_no_option_writes()
    {
        using var work = new TempDir();
        var input = await ThreeTopicTrainingFile.WriteAsync(work);
        string[] common = ["topics", "train", "--in", input, "--naive-bayes", "0.5", "--epochs", "3", "--out"];
        foreach (var (name, extra) in new[] { ("a", "1"), ("b", "1"), ("zero", "0") })
        {
            var run = await CliRunner.RunAsync([.. common, work.File(name), "--nb-scale", extra]);
            Assert.True(run.ExitCode == 0, run.Error);
        }
        Assert.Equal(0, (await CliRunner.RunAsync([.. common, work.File("none")])).ExitCode);
        Assert.Equal(File.ReadAllBytes(work.File("a")), File.ReadAllBytes(work.File("b")));
        Assert.Equal(File.ReadAllBytes(work.File("none")), File.ReadAllBytes(work.File("zero")));
        Assert.NotEqual(File.ReadAllBytes(work.File("a")), File.ReadAllBytes(work.File("none")));
        Assert.Equal("1", TopicModel.Load(work.File("a")).Learned!.Properties[NaiveBayesScale.Property]);

        var bad = await CliRunner.RunAsync([.. common, work.File("c"), "--nb-scale", "-1"]);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--nb-scale", bad.Error);
    }
}
