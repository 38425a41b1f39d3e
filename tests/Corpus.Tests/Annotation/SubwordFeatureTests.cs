using System.Text.Json.Nodes;
using Corpus.Annotation.Counts;
using Corpus.Annotation.Features;
using Corpus.Annotation.Topics;
using Corpus.Tests.Support;
using Microsoft.ML.Tokenizers;

namespace Corpus.Tests.Annotation;

public sealed class SubwordFeatureTests
{
    private static readonly LabelledText[] Examples =
    [
        new("Rain and wind tonight in Jakarta.", null, IptcTopics.Get("weather")), new("Hujan deras dan angin kencang malam ini.", "Cuaca", IptcTopics.Get("weather")),
        new("Parliament passed the bill.", null, IptcTopics.Get("politics")), new("Menteri itu mengundurkan diri dari kabinet.", "Politik", IptcTopics.Get("politics")),
    ];

    [Theory]
    [InlineData(" pemerintah")]
    [InlineData(" Kementerian")]
    [InlineData("Donaudampfschifffahrt")]
    [InlineData(" антидемократический")]
    [InlineData("国务院总理")]
    [InlineData("a")]
    public void Encoding_a_piece_gives_the_librarys_token_ids(string piece)
    {
        var expected = TiktokenTokenizer.CreateForEncoding("o200k_base").EncodeToIds(piece);
        var bytes = System.Text.Encoding.UTF8.GetBytes(piece);
        var tokens = new int[bytes.Length];
        var n = BytePairRanks.O200k.Encode(bytes, tokens);
        Assert.Equal(expected, tokens[..n]);
        Assert.Equal(n, BytePairRanks.O200k.CountTokens(bytes));
    }

    [Fact]
    public void A_model_trained_with_token_features_records_them_and_scores_them()
    {
        foreach (var kind in new[] { SubwordFeatures.Tokens, SubwordFeatures.TokenPairs })
        {
            var learned = TopicTrainer.Train(Examples, "a", subwords: kind).Learned!;
            Assert.Equal(kind, SubwordFeatures.Of(learned));
            const string text = "Angin kencang dan hujan di Jakarta.";
            var plain = TopicWeights.Features("Cuaca", text, learned.Spec);
            var x = TopicModel.LearnedFeatures(learned, text, "Cuaca");
            // The tokens add occurrences, so every occurrence weighs less than without them.
            Assert.True(x.Values.Sum(v => v * v) > 0);
            Assert.True(x.Values.Min() < plain.Values.Min());
            var expected = learned.Scores(x);
            var actual = new double[learned.Labels.Count];
            new TopicWeights(learned).AddScores("Cuaca", text, actual);
            for (var c = 0; c < actual.Length; c++) Assert.InRange(actual[c], expected[c] - 1e-4, expected[c] + 1e-4);
        }
        Assert.Null(SubwordFeatures.Of(TopicTrainer.Train(Examples, "a").Learned!));
    }

    [Fact]
    public void Token_pairs_add_the_pairs_of_a_split_word_and_nothing_for_a_word_that_is_one_token()
    {
        var spec = TopicTrainer.Spec;
        var buffer = new int[1000];
        const string text = " mengundurkan";
        var tokens = SubwordFeatures.Collect(text, SubwordFeatures.Tokens, spec.Buckets, buffer);
        var pairs = SubwordFeatures.Collect(text, SubwordFeatures.TokenPairs, spec.Buckets, buffer);
        var encoded = TiktokenTokenizer.CreateForEncoding("o200k_base").EncodeToIds(text).Count;
        Assert.True(encoded > 1);
        Assert.Equal(encoded, tokens);
        Assert.Equal(2 * encoded - 1, pairs);
        Assert.Equal(0, SubwordFeatures.Collect("   \n ", SubwordFeatures.Tokens, spec.Buckets, buffer));
        // A word that is one token is already a word feature: with pairs it adds nothing.
        Assert.Equal(1, SubwordFeatures.Collect(" the", SubwordFeatures.Tokens, spec.Buckets, buffer));
        Assert.Equal(0, SubwordFeatures.Collect(" the", SubwordFeatures.TokenPairs, spec.Buckets, buffer));
    }

    [Fact]
    public async Task Topics_train_with_subwords_writes_the_same_bytes_twice_and_refuses_an_unknown_kind()
    {
        using var dir = new TempDir();
        var labelled = dir.File("labelled.jsonl");
        await File.WriteAllLinesAsync(labelled, Examples.Select(e => new JsonObject { ["text"] = e.Text, ["title"] = e.Title, ["topic"] = e.Topic.Id }.ToJsonString()));
        foreach (var name in new[] { "a", "b" })
        {
            var result = await CliRunner.RunAsync("topics", "train", "--in", labelled, "--subwords", SubwordFeatures.TokenPairs, "--out", dir.File(name));
            Assert.True(result.ExitCode == 0, result.Error);
        }
        Assert.Equal(File.ReadAllBytes(dir.File("a")), File.ReadAllBytes(dir.File("b")));
        Assert.Equal(SubwordFeatures.TokenPairs, SubwordFeatures.Of(TopicModel.Load(dir.File("a")).Learned!));

        var refused = await CliRunner.RunAsync("topics", "train", "--in", labelled, "--subwords", "bpe", "--out", dir.File("c"));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--subwords 'bpe'", refused.Error);
    }

    [Fact]
    public void A_model_naming_token_features_this_version_does_not_compute_is_refused()
    {
        using var dir = new TempDir();
        var learned = TopicTrainer.Train(Examples, "a", subwords: SubwordFeatures.Tokens).Learned!;
        var properties = learned.Properties.ToDictionary(p => p.Key, p => p.Value);
        properties[SubwordFeatures.Property] = "o300k";
        new LinearModel(learned.Spec, learned.Labels, new float[learned.Spec.Buckets * learned.Labels.Count], new float[learned.Labels.Count], properties).Save(dir.File("m"));
        var error = Assert.Throws<Corpus.Core.CorpusUserException>(() => TopicModel.Load(dir.File("m")));
        Assert.Contains("o300k", error.Message);
    }
}
