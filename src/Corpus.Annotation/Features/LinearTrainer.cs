namespace Corpus.Annotation.Features;

/// <summary>
/// One training example: its features, its label, the labels its source can tell apart (<c>null</c>: all; SIB-200 has
/// no business class, so its sentences teach nothing about economy either way), and a fixed score per label added
/// before the softmax (prior knowledge such as keyword evidence, which the weights then learn to correct).
/// </summary>
public sealed record TrainingExample(SparseVector X, int Label, int[]? Allowed = null, float[]? Offset = null);

/// <summary>Options of <see cref="LinearTrainer"/>; the defaults are the ones the shipped models were trained with.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 8;
    public double LearningRate { get; init; } = 0.2;
    /// <summary>Pull of each weight back towards its starting value (prior knowledge), per update.</summary>
    public double L2 { get; init; } = 1e-5;
    /// <summary>Seed of the example order; training is single-threaded, so a seed fixes the result.</summary>
    public int Seed { get; init; } = 20150;
    /// <summary>Weights closer to zero than this are dropped at the end, keeping the model file small.</summary>
    public double Prune { get; init; } = 1e-3;
    /// <summary>Decimals kept per weight (fewer make a smaller file).</summary>
    public int Decimals { get; init; } = 4;
    /// <summary>
    /// How far each example's gradient is scaled towards its label being as frequent as the mean label:
    /// (mean count / label's count) to this power (0: every example counts once).
    /// </summary>
    public double ClassBalance { get; init; }
    /// <summary>Trainings from the seeds <see cref="Seed"/>, <see cref="Seed"/> + 1 … whose weights are averaged (one model, scored as one).</summary>
    public int Seeds { get; init; } = 1;
    /// <summary>
    /// Each feature of each example is left out of an update with this probability, the rest scaled by 1 / (1 - it),
    /// drawn from a generator of its own seeded from <see cref="Seed"/> (0: every feature in every update).
    /// </summary>
    public double Dropout { get; init; }
}

/// <summary>
/// Multinomial logistic regression by stochastic gradient descent with AdaGrad step sizes, deterministic for a given
/// seed: examples are visited in a seeded shuffled order, one at a time, on one thread.
/// </summary>
public static class LinearTrainer
{
    /// <summary>
    /// Trains on <paramref name="examples"/>; given <paramref name="featureScale"/> (one factor per bucket, by which the
    /// examples' values were multiplied), each bucket's weights are multiplied by it before pruning, so the model
    /// scores unscaled features as the trained weights scored the scaled ones.
    /// </summary>
    public static LinearModel Train(IReadOnlyList<TrainingExample> examples, FeatureSpec spec, IReadOnlyList<string> labels, TrainingOptions options, float[]? start = null, IReadOnlyDictionary<string, string>? properties = null, float[]? featureScale = null)
    {
        if (options.Dropout is < 0 or >= 1) throw new Corpus.Core.CorpusUserException("The feature dropout must be at least 0 and below 1.");
        if (examples.Count == 0) throw new Corpus.Core.CorpusUserException("No labelled examples to train on.");
        if (options.Seeds < 1) throw new Corpus.Core.CorpusUserException("The number of seeds must be at least 1.");
        var k = labels.Count;
        var weights = new float[spec.Buckets * k];
        var bias = new float[k];
        // Averaging the weights of a few shuffled orders averages their scores, so the model is scored as one.
        for (var run = 0; run < options.Seeds; run++)
        {
            var (w, b) = TrainOnce(examples, spec.Buckets * k, k, options, options.Seed + run, start);
            for (var i = 0; i < w.Length; i++) weights[i] += w[i] / options.Seeds;
            for (var c = 0; c < k; c++) bias[c] += b[c] / options.Seeds;
        }
        if (featureScale is not null)
            for (var i = 0; i < weights.Length; i++) weights[i] *= featureScale[i / k];
        for (var i = 0; i < weights.Length; i++)
            weights[i] = Math.Abs(weights[i]) < options.Prune ? 0 : MathF.Round(weights[i], options.Decimals);
        for (var c = 0; c < k; c++) bias[c] = MathF.Round(bias[c], 4);
        return new LinearModel(spec, labels, weights, bias, properties);
    }

    private static (float[] Weights, float[] Bias) TrainOnce(IReadOnlyList<TrainingExample> examples, int size, int k, TrainingOptions options, int seed, float[]? start)
    {
        var weights = start is null ? new float[size] : (float[])start.Clone();
        var prior = start;
        var bias = new float[k];
        var squared = new float[weights.Length];
        var biasSquared = new float[k];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(seed);
        var all = Enumerable.Range(0, k).ToArray();
        var p = new double[k];
        var scale = ClassScale(examples, k, options.ClassBalance);
        // A generator of its own, so the order of the examples does not depend on whether features are dropped.
        var dropping = options.Dropout > 0 ? new Random(unchecked(seed * 31 + 7)) : null;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var e in order.Select(i => dropping is null ? examples[i] : Drop(examples[i], options.Dropout, dropping)))
            {
                var allowed = e.Allowed ?? all;
                var max = double.NegativeInfinity;
                foreach (var c in allowed)
                {
                    var s = bias[c] + (e.Offset?[c] ?? 0);
                    for (var i = 0; i < e.X.Count; i++) s += weights[e.X.Indices[i] * k + c] * e.X.Values[i];
                    p[c] = s;
                    max = Math.Max(max, s);
                }
                double sum = 0;
                foreach (var c in allowed) sum += p[c] = Math.Exp(p[c] - max);
                foreach (var c in allowed)
                {
                    var g = (float)((p[c] / sum - (c == e.Label ? 1 : 0)) * scale[e.Label]);
                    biasSquared[c] += g * g;
                    bias[c] -= (float)(options.LearningRate * g / Math.Sqrt(biasSquared[c] + 1e-8));
                    for (var i = 0; i < e.X.Count; i++)
                    {
                        var at = e.X.Indices[i] * k + c;
                        var gi = g * e.X.Values[i] + (float)(options.L2 * (weights[at] - (prior?[at] ?? 0)));
                        squared[at] += gi * gi;
                        weights[at] -= (float)(options.LearningRate * gi / Math.Sqrt(squared[at] + 1e-8));
                    }
                }
            }
        }
        return (weights, bias);
    }

    // The example with each feature kept with probability 1 - rate and scaled by 1 / (1 - rate).
    private static TrainingExample Drop(TrainingExample e, double rate, Random random)
    {
        var indices = new List<int>(e.X.Count);
        var values = new List<float>(e.X.Count);
        var keep = (float)(1 / (1 - rate));
        for (var i = 0; i < e.X.Count; i++)
        {
            if (random.NextDouble() < rate) continue;
            indices.Add(e.X.Indices[i]);
            values.Add(e.X.Values[i] * keep);
        }
        return e with { X = new SparseVector([.. indices], [.. values]) };
    }

    // Per label, (mean count over the labels present / its count) ^ power: 1 for all when power is 0.
    private static double[] ClassScale(IReadOnlyList<TrainingExample> examples, int k, double power)
    {
        var scale = Enumerable.Repeat(1.0, k).ToArray();
        if (power == 0) return scale;
        var counts = new double[k];
        foreach (var e in examples) counts[e.Label]++;
        var mean = counts.Where(c => c > 0).Average();
        for (var c = 0; c < k; c++) if (counts[c] > 0) scale[c] = Math.Pow(mean / counts[c], power);
        return scale;
    }
}
