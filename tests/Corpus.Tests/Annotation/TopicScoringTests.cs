using System.Text;
using Corpus.Annotation.Features;
using Corpus.Annotation.Topics;

namespace Corpus.Tests.Annotation;

/// <summary>
/// The topic scorer's fast paths against the plain computations they replace: the regression's row sums, added as the
/// features are hashed, against counting every bucket first; the loop softmax against the LINQ one; the keyword
/// table's occupancy bits against a dictionary.
/// </summary>
public sealed class TopicScoringTests
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éÉüÜıİßçñ";
    private const string Marks = " .,;:!?'-\u2019\n\t()\"";
    private static readonly string[] Astral = ["😀", "𝒜", "𠀋", "👍🏽"];

    // Words of letters and digits (some longer than the 48 characters a word feature reads), marks between them,
    // characters outside the basic plane (surrogate pairs), Cyrillic and Thai runs.
    private static string RandomText(Random random, int words)
    {
        var text = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            var length = random.Next(10) == 0 ? random.Next(40, 70) : random.Next(1, 12);
            for (var c = 0; c < length; c++)
                text.Append(random.Next(20) switch
                {
                    0 => Astral[random.Next(Astral.Length)],
                    1 => (char)random.Next(0x0430, 0x044F),
                    2 => (char)random.Next(0x0E01, 0x0E2E),
                    _ => Alphabet[random.Next(Alphabet.Length)].ToString(),
                });
            text.Append(Marks[random.Next(Marks.Length)]);
        }
        return text.ToString();
    }

    // A model whose weights are exact hundredths (as a trained model keeps them), so its sums are exact integers.
    private static (LinearModel Model, int[] Hundredths, float[] Bias) RandomModel(Random random, int labels, string? subwords)
    {
        var spec = new FeatureSpec(10, true, 2, 5);
        var hundredths = new int[spec.Buckets * labels];
        var weights = new float[hundredths.Length];
        for (var i = 0; i < weights.Length; i++) weights[i] = (hundredths[i] = random.Next(-700, 701)) * 0.01f;
        var bias = Enumerable.Range(0, labels).Select(_ => (float)Math.Round(random.NextDouble() - 0.5, 2)).ToArray();
        var properties = new Dictionary<string, string> { [TopicWeights.CountsProperty] = TopicWeights.SqrtCounts };
        if (subwords is not null) properties[SubwordFeatures.Property] = subwords;
        var names = new[] { "sport", "politics", "weather", "health", "science", "crime", "economy", "arts", "education", "environment", "labour" };
        return (new LinearModel(spec, names.Take(labels).Select(n => IptcTopics.Get(n).Id).ToArray(), weights, bias, properties), hundredths, bias);
    }

    [Theory]
    [InlineData(6, null)]
    [InlineData(3, null)]
    [InlineData(10, null)]
    [InlineData(6, SubwordFeatures.TokenPairs)]
    [InlineData(6, SubwordFeatures.Tokens)]
    public void Row_sums_added_while_hashing_equal_the_sums_over_every_bucket_counted_first(int labels, string? subwords)
    {
        var random = new Random(labels * 31 + (subwords?.Length ?? 0));
        var (model, hundredths, bias) = RandomModel(random, labels, subwords);
        var weights = new TopicWeights(model);
        for (var trial = 0; trial < 60; trial++)
        {
            var title = trial % 3 == 0 ? "" : RandomText(random, random.Next(1, 8));
            var text = trial % 7 == 0 ? "" : RandomText(random, random.Next(1, 120));
            var counts = new Dictionary<int, int>();
            void Count(int bucket) => counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
            foreach (var part in new[] { title, text })
                foreach (var (bucket, count) in HashedFeatures.Counts(part, model.Spec))
                    for (var k = 0; k < count; k++) Count(bucket);
            if (subwords is not null)
                foreach (var part in new[] { title, text })
                {
                    var buckets = new int[SubwordFeatures.Capacity(part.Length, subwords)];
                    var n = SubwordFeatures.Collect(part, subwords, model.Spec.Buckets, buckets);
                    foreach (var bucket in buckets[..n]) Count(bucket);
                }
            var occurrences = counts.Values.Sum();
            var scale = occurrences > 0 ? 0.01f / Math.Sqrt(occurrences) : 0;
            var expected = new double[labels];
            for (var c = 0; c < labels; c++)
            {
                var sum = counts.Sum(p => p.Value * hundredths[p.Key * labels + c]);
                expected[c] = bias[c] + sum * scale;
            }
            var actual = new double[labels];
            weights.AddScores(title, text, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void The_softmax_equals_the_linq_formula_bit_for_bit()
    {
        var random = new Random(7);
        for (var length = 1; length <= 40; length++)
            for (var trial = 0; trial < 20; trial++)
            {
                var scores = Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * 40).ToArray();
                var max = scores.Max();
                var p = scores.Select(s => Math.Exp(s - max)).ToArray();
                var sum = p.Sum();
                for (var i = 0; i < p.Length; i++) p[i] /= sum;
                Assert.Equal(p, LinearModel.Softmax(scores));
            }
    }

    [Fact]
    public void The_keyword_table_finds_exactly_the_keys_it_holds()
    {
        var random = new Random(3);
        var priors = new Dictionary<ulong, float[]>();
        while (priors.Count < 3000) priors[(ulong)random.NextInt64()] = [(float)random.NextDouble()];
        var table = new KeywordTable(priors);
        foreach (var (key, weights) in priors) Assert.Same(weights, table.Weights[table.Find(key)]);
        for (var i = 0; i < 100_000; i++)
        {
            var key = (ulong)random.NextInt64();
            Assert.Equal(priors.ContainsKey(key) ? priors[key][0] : -1, priors.ContainsKey(key) ? table.Weights[table.Find(key)][0] : table.Find(key));
        }
    }
}
