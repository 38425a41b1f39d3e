using Corpus.Annotation.Features;

namespace Corpus.Annotation.Topics;

/// <summary>
/// Starting weights for the topic regression from smoothed naive-Bayes log-count ratios: a rare n-gram seen a few
/// times with one topic starts with that topic's evidence instead of at zero, where a few stochastic updates would
/// leave it. Each bucket's ratios are centred over the topics with examples, so a bucket no example holds stays zero
/// (and is pruned from the file) and a topic no example shows gets nothing. Sums run in input order in doubles, so
/// the start is deterministic.
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
        var counts = new double[buckets * labels];
        var totals = new double[labels];
        var seen = new bool[buckets];
        foreach (var e in examples)
            for (var i = 0; i < e.X.Count; i++)
            {
                var b = e.X.Indices[i];
                counts[b * labels + e.Label] += e.X.Values[i];
                totals[e.Label] += e.X.Values[i];
                seen[b] = true;
            }
        var vocabulary = seen.Count(s => s);
        var shown = Enumerable.Range(0, labels).Where(c => totals[c] > 0).ToArray();
        var weights = new float[buckets * labels];
        if (shown.Length < 2) return weights;
        var denominator = shown.Select(c => Math.Log(totals[c] + Smoothing * vocabulary)).ToArray();
        var ratio = new double[shown.Length];
        for (var b = 0; b < buckets; b++)
        {
            if (!seen[b]) continue;
            double mean = 0;
            for (var s = 0; s < shown.Length; s++) mean += ratio[s] = Math.Log(counts[b * labels + shown[s]] + Smoothing) - denominator[s];
            mean /= shown.Length;
            for (var s = 0; s < shown.Length; s++) weights[b * labels + shown[s]] = (float)(scale * (ratio[s] - mean));
        }
        return weights;
    }
}
