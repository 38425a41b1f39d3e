using System.Globalization;
using System.IO.Compression;
using System.Reflection;

namespace Corpus.Annotation.Features;

/// <summary>
/// A multinomial logistic regression over hashed features: one weight per (bucket, label) and a bias per label. A
/// score is a sparse dot product, so its cost grows with the text's features, not with the vocabulary. Files are
/// gzip'd text (a format line, the <see cref="FeatureSpec"/>, the labels, the biases, then one line per bucket with any
/// weight), written in bucket order with weights rounded, so the same training gives the same bytes.
/// </summary>
public sealed class LinearModel
{
    public const string FormatLine = "corpus-linear-model\t1";

    public LinearModel(FeatureSpec spec, IReadOnlyList<string> labels, float[] weights, float[] bias, IReadOnlyDictionary<string, string>? properties = null)
    {
        Properties = properties ?? new Dictionary<string, string>();
        if (weights.Length != spec.Buckets * labels.Count || bias.Length != labels.Count)
            throw new ArgumentException("Weights must hold one value per bucket and label.");
        Spec = spec;
        Labels = labels;
        Weights = weights;
        Bias = bias;
    }

    public FeatureSpec Spec { get; }
    /// <summary>Settings that travel with the weights (e.g. how much the keyword priors count), as <c>key=value</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }
    public IReadOnlyList<string> Labels { get; }
    internal float[] Weights { get; }
    internal float[] Bias { get; }

    public int NonZeroBuckets
    {
        get
        {
            var count = 0;
            for (var b = 0; b < Spec.Buckets; b++)
                for (var c = 0; c < Labels.Count; c++)
                    if (Weights[b * Labels.Count + c] != 0) { count++; break; }
            return count;
        }
    }

    /// <summary>The text's features as this model reads them (raw counts when its <c>counts=raw</c> property says so).</summary>
    public SparseVector Features(ReadOnlySpan<char> text, bool normalise) =>
        HashedFeatures.Extract(text, Spec, normalise, Properties.TryGetValue("counts", out var counts) && counts == "raw");

    /// <summary>
    /// Adds the raw scores (logits) of <paramref name="text"/> to <paramref name="scores"/> without building its feature
    /// vector: for a <c>counts=raw</c> model read unnormalised, every occurrence of a feature adds its bucket's weights,
    /// which is what <c>Scores(Features(text, false))</c> gives, with no sort and no allocation. Other models take that way.
    /// </summary>
    public void AddScores(ReadOnlySpan<char> text, Span<double> scores)
    {
        var k = Labels.Count;
        if (!(Properties.TryGetValue("counts", out var counts) && counts == "raw"))
        {
            var full = Scores(Features(text, normalise: false));
            for (var c = 0; c < k; c++) scores[c] += full[c];
            return;
        }
        var buffer = System.Buffers.ArrayPool<int>.Shared.Rent(HashedFeatures.Capacity(text.Length, Spec));
        try
        {
            var n = HashedFeatures.Collect(text, Spec, buffer);
            for (var c = 0; c < k; c++) scores[c] += Bias[c];
            for (var i = 0; i < n; i++)
            {
                var row = buffer[i] * k;
                for (var c = 0; c < k; c++) scores[c] += Weights[row + c];
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(buffer);
        }
    }

    [ThreadStatic] private static ushort[]? _bucketCounts;

    // 1 + ln(count) for the counts a lead paragraph gives; computed as the feature vector computes it.
    private static readonly float[] DampedCounts = Enumerable.Range(0, 64).Select(c => c == 0 ? 0f : 1 + MathF.Log(c)).ToArray();

    private static float Damped(int count) => count < DampedCounts.Length ? DampedCounts[count] : 1 + MathF.Log(count);

    /// <summary>
    /// Adds the raw scores (logits) of the unit-length, <c>1 + ln(count)</c> feature vector of the texts in
    /// <paramref name="parts"/> (read as if joined by line breaks) to <paramref name="scores"/>: what
    /// <c>Scores(Features(joined, normalise: true))</c> gives, up to the order of summation, without joining, sorting or
    /// allocating. Occurrences are counted in a per-thread table with one 16-bit slot per bucket, cleared as it is read
    /// (a bucket seen more than 65,535 times counts as 65,535).
    /// </summary>
    public void AddNormalisedScores(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<double> scores)
    {
        var k = Labels.Count;
        var counts = _bucketCounts;
        if (counts is null || counts.Length != Spec.Buckets) _bucketCounts = counts = new ushort[Spec.Buckets];
        var buffer = System.Buffers.ArrayPool<int>.Shared.Rent(HashedFeatures.Capacity(first.Length + second.Length + 1, Spec));
        try
        {
            var n = HashedFeatures.Collect(first, Spec, buffer);
            n += HashedFeatures.Collect(second, Spec, buffer.AsSpan(n));
            // First pass: count; keep each bucket once, in order of first occurrence.
            var distinct = 0;
            for (var i = 0; i < n; i++)
            {
                var bucket = buffer[i];
                var c = counts[bucket];
                if (c == 0) buffer[distinct++] = bucket;
                if (c != ushort.MaxValue) counts[bucket] = (ushort)(c + 1);
            }
            double norm = 0;
            for (var i = 0; i < distinct; i++)
            {
                var v = Damped(counts[buffer[i]]);
                norm += v * v;
            }
            var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
            Span<double> sum = stackalloc double[k];
            for (var i = 0; i < distinct; i++)
            {
                var bucket = buffer[i];
                var v = Damped(counts[bucket]) * scale;
                counts[bucket] = 0;
                var row = bucket * k;
                for (var c = 0; c < k; c++) sum[c] += Weights[row + c] * v;
            }
            for (var c = 0; c < k; c++) scores[c] += Bias[c] + sum[c];
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(buffer);
        }
    }

    /// <summary>Raw scores (logits) per label.</summary>
    public double[] Scores(SparseVector x)
    {
        var k = Labels.Count;
        var scores = new double[k];
        for (var c = 0; c < k; c++) scores[c] = Bias[c];
        for (var i = 0; i < x.Count; i++)
        {
            var row = x.Indices[i] * k;
            var v = x.Values[i];
            for (var c = 0; c < k; c++) scores[c] += Weights[row + c] * v;
        }
        return scores;
    }

    public static double[] Softmax(double[] scores)
    {
        // Enumerable.Max's answer (NaN if any is NaN), and the sum taken in order, as Enumerable.Sum takes it for doubles.
        var max = scores.Max();
        var p = new double[scores.Length];
        double sum = 0;
        for (var i = 0; i < p.Length; i++) sum += p[i] = Math.Exp(scores[i] - max);
        for (var i = 0; i < p.Length; i++) p[i] /= sum;
        return p;
    }

    public void Save(string path)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(gzip) { NewLine = "\n" };
        writer.WriteLine(FormatLine);
        writer.WriteLine(string.Join('\t', Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        writer.WriteLine(Spec.Describe());
        writer.WriteLine(string.Join('\t', Labels));
        writer.WriteLine(string.Join('\t', Bias.Select(Format)));
        var k = Labels.Count;
        var row = new string[k + 1];
        for (var b = 0; b < Spec.Buckets; b++)
        {
            var any = false;
            for (var c = 0; c < k; c++) any |= Weights[b * k + c] != 0;
            if (!any) continue;
            row[0] = b.ToString("x", CultureInfo.InvariantCulture);
            for (var c = 0; c < k; c++) row[c + 1] = Format(Weights[b * k + c]);
            writer.WriteLine(string.Join('\t', row));
        }
    }

    private static string Format(float w) => w == 0 ? "0" : w.ToString("0.####", CultureInfo.InvariantCulture);

    public static LinearModel Load(string path)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"Model '{path}' does not exist.");
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>A model shipped inside this assembly (<c>Data/NAME</c>).</summary>
    public static LinearModel LoadEmbedded(string name)
    {
        var resource = $"Corpus.Annotation.Data.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"The embedded model {resource} is missing from the build.");
        return Read(stream, name);
    }

    /// <summary>Reads a model, or fails with a user error naming <paramref name="path"/> and <paramref name="kind"/>.</summary>
    public static LinearModel Read(Stream stream, string path, string kind = "linear model") => LinearModelReader.Read(stream, path, kind);
}
