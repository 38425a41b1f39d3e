using System.Text.Json.Nodes;
using Corpus.Annotation.Features;
using Corpus.Annotation.Topics;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

public sealed class WordShapeFeatureTests
{
    private static readonly LabelledText[] Examples =
    [
        new("Rain and strong wind tonight in Jakarta.", null, IptcTopics.Get("weather")), new("Hujan deras dan angin kencang malam ini.", "Cuaca", IptcTopics.Get("weather")),
        new("Parliament passed the economic bill.", null, IptcTopics.Get("politics")), new("Menteri itu mengundurkan diri dari kabinet.", "Politik", IptcTopics.Get("politics")),
    ];

    private static int Count(string text, string kinds) => WordShapeFeatures.Collect(text, kinds, TopicTrainer.Spec.Buckets, new int[1000]);

    [Fact]
    public void Prefixes_come_from_words_two_letters_longer_and_skip_pairs_stop_at_a_sentence_mark()
    {
        // "ekonomi" (7) and "ekonomian" share "ekono"; "dan" and "harga" are too short for a 5-letter prefix.
        Assert.Equal(2, Count("ekonomi dan ekonomian harga", "prefix5"));
        Assert.Equal(1, Count("economic", "prefix6"));
        // A number is no stem.
        Assert.Equal(1, Count("2024567 economy", "prefix5"));
        // Four words in one phrase give two pairs one word apart; a full stop starts again.
        Assert.Equal(2, Count("the bank raised rates", "skip"));
        Assert.Equal(1, Count("the bank raised. rates fell", "skip"));
        Assert.Equal(3, Count("the economy grows slowly", "prefix5+skip"));
        // One stem, whatever the ending and case.
        var a = new int[4];
        var b = new int[4];
        Assert.Equal(1, WordShapeFeatures.Collect("ekonomi", "prefix5", TopicTrainer.Spec.Buckets, a));
        Assert.Equal(1, WordShapeFeatures.Collect("Ekonomian", "prefix5", TopicTrainer.Spec.Buckets, b));
        Assert.Equal(a[0], b[0]);
    }

    [Theory]
    [InlineData("prefix5")]
    [InlineData("skip")]
    [InlineData("prefix4+skip")]
    public void A_model_trained_with_word_features_records_them_and_scores_them(string kinds)
    {
        var learned = TopicTrainer.Train(Examples, "a", wordFeatures: kinds).Learned!;
        Assert.Equal(kinds, WordShapeFeatures.Of(learned));
        const string text = "Angin kencang dan hujan deras di Jakarta malam ini.";
        var plain = TopicWeights.Features("Cuaca", text, learned.Spec);
        var x = TopicModel.LearnedFeatures(learned, text, "Cuaca");
        // The extra features add occurrences, so every occurrence weighs less than without them.
        Assert.True(x.Values.Min() < plain.Values.Min());
        var expected = learned.Scores(x);
        var actual = new double[learned.Labels.Count];
        new TopicWeights(learned).AddScores("Cuaca", text, actual);
        for (var c = 0; c < actual.Length; c++) Assert.InRange(actual[c], expected[c] - 1e-4, expected[c] + 1e-4);
    }

    [Fact]
    public void A_model_that_does_not_record_word_features_reads_none()
    {
        var learned = TopicTrainer.Train(Examples, "a").Learned!;
        Assert.Null(WordShapeFeatures.Of(learned));
        const string text = "Parliament passed the economic bill tonight.";
        var x = TopicModel.LearnedFeatures(learned, text, null);
        var plain = TopicWeights.Features([], text, learned.Spec);
        Assert.Equal(plain.Indices, x.Indices);
        Assert.Equal(plain.Values, x.Values);
        var withPrefixes = TopicWeights.Features([], text, learned.Spec, wordFeatures: "prefix5");
        Assert.True(withPrefixes.Indices.Length > plain.Indices.Length);
    }

    [Fact]
    public async Task Topics_train_with_word_features_writes_the_same_bytes_twice_and_refuses_an_unknown_kind()
    {
        using var dir = new TempDir();
        var labelled = dir.File("labelled.jsonl");
        await File.WriteAllLinesAsync(labelled, Examples.Select(e => new JsonObject { ["text"] = e.Text, ["title"] = e.Title, ["topic"] = e.Topic.Id }.ToJsonString()));
        foreach (var name in new[] { "a", "b" })
        {
            var result = await CliRunner.RunAsync("topics", "train", "--in", labelled, "--word-features", "prefix5+skip", "--out", dir.File(name));
            Assert.True(result.ExitCode == 0, result.Error);
        }
        Assert.Equal(File.ReadAllBytes(dir.File("a")), File.ReadAllBytes(dir.File("b")));
        Assert.Equal("prefix5+skip", WordShapeFeatures.Of(TopicModel.Load(dir.File("a")).Learned!));

        foreach (var bad in new[] { "prefix9", "suffix3", "skip+skip", "prefix" })
        {
            var refused = await CliRunner.RunAsync("topics", "train", "--in", labelled, "--word-features", bad, "--out", dir.File("c"));
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains($"--word-features '{bad}'", refused.Error);
        }
    }

    [Fact]
    public void A_model_naming_word_features_this_version_does_not_compute_is_refused()
    {
        using var dir = new TempDir();
        var learned = TopicTrainer.Train(Examples, "a", wordFeatures: "skip").Learned!;
        var properties = learned.Properties.ToDictionary(p => p.Key, p => p.Value);
        properties[WordShapeFeatures.Property] = "suffix3";
        new LinearModel(learned.Spec, learned.Labels, new float[learned.Spec.Buckets * learned.Labels.Count], new float[learned.Labels.Count], properties).Save(dir.File("m"));
        var error = Assert.Throws<Corpus.Core.CorpusUserException>(() => TopicModel.Load(dir.File("m")));
        Assert.Contains("suffix3", error.Message);
    }
}
