using Corpus.Annotation.Features;

namespace Corpus.Annotation.Topics;

/// <summary>
/// Starting weights for the topic regression from smoothed naive-Bayes log-count ratios
/// (<see cref="NaiveBayesLogRatios"/>): a rare n-gram seen a few times with one topic starts with that topic's evidence
/// instead of at zero, where a few stochastic updates would leave it. A bucket no example holds stays zero (and is
/// pruned from the file) and a topic no example shows gets nothing.
/// </summary>
public static class NaiveBayesStart
{
    /// <summary>
    /// Added to every bucket's count per topic: a quarter of what one occurrence weighs in a sentence's features
    /// (1 / sqrt of its several hundred occurrences, about 0.04), so a rare n-gram's few occurrences still count.
    /// Grouped 5-fold cross-validation on SIB-200 train, --naive-bayes 1, of 15,432 sentences: 0.001 → 10,262
    /// correct, 0.01 → 10,775, 0.1 → 10,684, 1 → 10,475 (README, topics).
    /// </summary>
    public const double Smoothing = 0.01;

    /// <summary>Weights laid out as <see cref="LinearModel"/> holds them (bucket-major), times <paramref name="scale"/>.</summary>
    public static float[] Weights(IReadOnlyList<TrainingExample> examples, int buckets, int labels, double scale)
    {
        var ratios = NaiveBayesLogRatios.Centred(examples, buckets, labels, Smoothing, out _, out _);
        var weights = new float[buckets * labels];
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)(scale * ratios[i]);
        return weights;
    }
}
