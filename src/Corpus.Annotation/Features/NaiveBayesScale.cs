namespace Corpus.Annotation.Features;

/// <summary>
/// Per-bucket feature scales from naive-Bayes log-count ratios, after Wang and Manning's NBSVM (2012): a bucket whose
/// occurrences lean hard towards one topic gets a larger value than one spread evenly over the topics, so the
/// regression's updates move a rare but telling n-gram further than a common one. A bucket's scale is its largest
/// centred log-count ratio over the topics with examples, as a share of the mean of that over every bucket an example
/// holds, to the power alpha (0: every scale is 1); a bucket no example holds gets 0. Because a linear score of scaled
/// features is the score of the scaled weights, <see cref="LinearTrainer"/> multiplies each bucket's weights by its
/// scale at the end and scoring reads the model as any other.
/// </summary>
public static class NaiveBayesScale
{
    /// <summary>The model property that records alpha.</summary>
    public const string Property = "nb_scale";

    /// <summary>One scale per bucket; <paramref name="smoothing"/> as <see cref="NaiveBayesLogRatios.Centred"/> takes it.</summary>
    public static float[] Factors(IReadOnlyList<TrainingExample> examples, int buckets, int labels, double alpha, double smoothing)
    {
        var scales = new float[buckets];
        var ratios = NaiveBayesLogRatios.Centred(examples, buckets, labels, smoothing, out var seen, out var shown);
        if (shown < 2)
        {
            Array.Fill(scales, 1f);
            return scales;
        }
        var magnitude = new double[buckets];
        double sum = 0;
        var count = 0;
        for (var b = 0; b < buckets; b++)
        {
            if (!seen[b]) continue;
            double max = 0;
            for (var c = 0; c < labels; c++) max = Math.Max(max, Math.Abs(ratios[b * labels + c]));
            magnitude[b] = max;
            sum += max;
            count++;
        }
        var mean = sum / count;
        for (var b = 0; b < buckets; b++)
            if (seen[b]) scales[b] = mean > 0 ? (float)Math.Pow(magnitude[b] / mean, alpha) : 1f;
        return scales;
    }

    /// <summary>The examples with each feature's value times its bucket's scale.</summary>
    public static List<TrainingExample> Apply(IReadOnlyList<TrainingExample> examples, float[] scales) =>
        examples.Select(e =>
        {
            var values = new float[e.X.Count];
            for (var i = 0; i < values.Length; i++) values[i] = e.X.Values[i] * scales[e.X.Indices[i]];
            return e with { X = new SparseVector(e.X.Indices, values) };
        }).ToList();
}
