namespace Corpus.Annotation.Features;

/// <summary>
/// Smoothed naive-Bayes log-count ratios per bucket and label, centred over the labels with examples, so a bucket
/// spread evenly over them gets zeros, a bucket no example holds gets nothing and a label no example shows gets
/// nothing. Sums run in input order in doubles, so the ratios are deterministic.
/// </summary>
public static class NaiveBayesLogRatios
{
    /// <summary>
    /// Ratios laid out as <see cref="LinearModel"/> holds weights (bucket-major); <paramref name="seen"/> marks the
    /// buckets an example holds and <paramref name="shown"/> counts the labels with examples (below 2: all zeros). <paramref name="smoothing"/> is added to every bucket's count per label.
    /// </summary>
    public static double[] Centred(IReadOnlyList<TrainingExample> examples, int buckets, int labels, double smoothing, out bool[] seen, out int shown)
    {
        var counts = new double[buckets * labels];
        var totals = new double[labels];
        seen = new bool[buckets];
        foreach (var e in examples)
            for (var i = 0; i < e.X.Count; i++)
            {
                var b = e.X.Indices[i];
                counts[b * labels + e.Label] += e.X.Values[i];
                totals[e.Label] += e.X.Values[i];
                seen[b] = true;
            }
        var vocabulary = seen.Count(s => s);
        var present = Enumerable.Range(0, labels).Where(c => totals[c] > 0).ToArray();
        shown = present.Length;
        var centred = new double[buckets * labels];
        if (present.Length < 2) return centred;
        var denominator = present.Select(c => Math.Log(totals[c] + smoothing * vocabulary)).ToArray();
        var ratio = new double[present.Length];
        for (var b = 0; b < buckets; b++)
        {
            if (!seen[b]) continue;
            double mean = 0;
            for (var s = 0; s < present.Length; s++) mean += ratio[s] = Math.Log(counts[b * labels + present[s]] + smoothing) - denominator[s];
            mean /= present.Length;
            for (var s = 0; s < present.Length; s++) centred[b * labels + present[s]] = ratio[s] - mean;
        }
        return centred;
    }
}
