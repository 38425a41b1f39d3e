using System.Globalization;
using Corpus.Annotation.Features;

namespace Corpus.Annotation.Language;

/// <summary>One sentence with its language, for training or measuring the Indonesian/Malay discriminator.</summary>
/// <param name="Calibrates">True for in-domain (news) sentences: the weights and the bias are chosen on these.</param>
public sealed record LanguageSample(string Text, string Language, bool Calibrates = false);

/// <summary>
/// Trains <see cref="IdMsDiscriminator"/>'s model, naive Bayes in log-ratio form (each hashed feature weighs
/// ln P(f | id) − ln P(f | ms), add-<see cref="Smoothing"/> smoothed) from three sources:
/// <list type="bullet">
/// <item>word unigrams and bigrams of the labelled sentences, at full weight;</item>
/// <item>character 2–4-grams of the same sentences, at a lower weight (a word gives many n-grams, which would
/// otherwise outvote the words);</item>
/// <item>the word frequency lists: each listed word's clipped log-ratio of smoothed frequencies, at
/// a weight of their own.</item>
/// </list>
/// The two weights and the bias are chosen by cross-fitting (<see cref="Train"/>). Counting is exact and the folds are
/// fixed, so the same data in the same order always gives the same model.
/// </summary>
public static class IdMsTraining
{
    public static readonly FeatureSpec Spec = new(Bits: 19, WordBigrams: true, CharMin: 2, CharMax: 4);
    private static readonly FeatureSpec WordsOnly = Spec with { CharMax = 0 };
    public static readonly string[] Labels = ["id", "ms"];
    public const double Smoothing = 0.5;
    public const double FrequencyClip = 4;

    /// <summary>
    /// The DSLCC set-B lines kept aside for measuring: those whose id number is odd (b0001, b0003 …), about half of
    /// each language. The even half may be used for training.
    /// </summary>
    public static bool HeldAside(string id)
    {
        var at = id.AsSpan().IndexOfAnyInRange('0', '9');
        return at >= 0 && int.TryParse(id.AsSpan(at), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n % 2 == 1;
    }

    /// <summary>Word counts from a frequency list (<c>word count</c> per line, as in hermitdave/FrequencyWords).</summary>
    public static Dictionary<string, long> ReadFrequencies(string path)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"Frequency list '{path}' does not exist.");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var space = line.LastIndexOf(' ');
            if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new Corpus.Core.CorpusUserException($"{path} line {number}: expected 'word count'.");
            var word = line[..space].ToLowerInvariant();
            counts[word] = counts.GetValueOrDefault(word) + count;
        }
        return counts;
    }

    /// <summary>
    /// Trains on all samples. The weights of the character n-grams and of the frequency lists are chosen from
    /// <see cref="IdMsTrainingOptions.CharWeights"/> × <see cref="IdMsTrainingOptions.FrequencyWeights"/> by two-fold
    /// cross-fitting: two models each trained on half the samples score the other half's calibration (news) sentences,
    /// and the pair with the best balanced accuracy there wins (the first on a tie); the threshold that balances the two
    /// languages' errors on those scores becomes the bias. Nothing held aside is looked at.
    /// </summary>
    public static LinearModel Train(IEnumerable<LanguageSample> samples, Dictionary<string, long> indonesian, Dictionary<string, long> malay, IdMsTrainingOptions? options = null)
    {
        var o = options ?? new IdMsTrainingOptions();
        var properties = new Dictionary<string, string> { ["counts"] = "raw" };
        var list = samples.Where(s => s.Language is "id" or "ms").ToList();
        if (list.Count == 0) throw new Corpus.Core.CorpusUserException("No Indonesian or Malay sentences to train on.");
        var calibrating = list.Any(s => s.Calibrates);
        var counted = list.Select(s => Count(s.Text)).ToList();
        var frequency = FrequencyRatios(indonesian, malay);
        var best = (Accuracy: -1.0, Char: 0.0, Frequency: 0.0, Threshold: 0.0);
        foreach (var charWeight in o.CharWeights)
        foreach (var frequencyWeight in o.FrequencyWeights)
        {
            var heldOut = new List<(double Score, bool Indonesian)>();
            for (var fold = 0; fold < 2; fold++)
            {
                var train = Enumerable.Range(0, list.Count).Where(i => i % 2 != fold).ToList();
                var half = new IdMsDiscriminator(new LinearModel(Spec, Labels, Fit(train.Select(i => (list[i], counted[i])), frequency, charWeight, frequencyWeight, o.MinCount), [0f, 0f], properties));
                heldOut.AddRange(Enumerable.Range(0, list.Count).Where(i => i % 2 == fold && (list[i].Calibrates || !calibrating))
                    .Select(i => (half.LogOdds(list[i].Text), list[i].Language == "id")));
            }
            var threshold = BalancedThreshold(heldOut);
            var accuracy = BalancedAccuracy(heldOut, threshold);
            if (accuracy > best.Accuracy + 1e-12) best = (accuracy, charWeight, frequencyWeight, threshold);
        }
        var bias = (float)Math.Round(-best.Threshold / 2, 4);
        properties["char_weight"] = best.Char.ToString(CultureInfo.InvariantCulture);
        properties["frequency_weight"] = best.Frequency.ToString(CultureInfo.InvariantCulture);
        properties["cross_fitted_balanced_accuracy"] = best.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture);
        var weights = Fit(list.Zip(counted), frequency, best.Char, best.Frequency, o.MinCount);
        return new LinearModel(Spec, Labels, weights, [bias, -bias], properties);
    }

    private static double BalancedAccuracy(List<(double Score, bool Indonesian)> scored, double threshold)
    {
        double idRight = scored.Count(s => s.Indonesian && s.Score >= threshold), msRight = scored.Count(s => !s.Indonesian && s.Score < threshold);
        double nId = scored.Count(s => s.Indonesian), nMs = scored.Count - nId;
        return nId == 0 || nMs == 0 ? 0 : 0.5 * (idRight / nId + msRight / nMs);
    }

    private static (Dictionary<int, int> Words, Dictionary<int, int> Chars) Count(string text)
    {
        var all = HashedFeatures.Counts(text, Spec);
        var words = HashedFeatures.Counts(text, WordsOnly);
        foreach (var (bucket, count) in words) all[bucket] -= count;
        return (words, all);
    }

    private static List<(int Bucket, float Ratio)> FrequencyRatios(Dictionary<string, long> indonesian, Dictionary<string, long> malay)
    {
        double totalId = indonesian.Values.Sum(), totalMs = malay.Values.Sum();
        var ratios = new List<(int, float)>();
        foreach (var word in indonesian.Keys.Union(malay.Keys).Order(StringComparer.Ordinal))
        {
            var ratio = Math.Log((indonesian.GetValueOrDefault(word) + 1) / totalId) - Math.Log((malay.GetValueOrDefault(word) + 1) / totalMs);
            ratios.Add((HashedFeatures.WordBucket(word, Spec), (float)Math.Clamp(ratio, -FrequencyClip, FrequencyClip)));
        }
        return ratios;
    }

    /// <summary>The score cut that minimises the mean of the two languages' error rates (nearest zero on a tie).</summary>
    internal static double BalancedThreshold(List<(double Score, bool Indonesian)> scored)
    {
        var sorted = scored.OrderBy(s => s.Score).ToList();
        double nId = sorted.Count(s => s.Indonesian), nMs = sorted.Count - nId;
        if (nId == 0 || nMs == 0) return 0;
        // Cut below everything: every sentence is called Indonesian, so every Malay one is wrong.
        double idWrong = 0, msWrong = nMs;
        var best = (Error: 0.5 * (idWrong / nId + msWrong / nMs), Cut: sorted[0].Score - 1);
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Indonesian) idWrong++; else msWrong--;
            var cut = i + 1 < sorted.Count ? (sorted[i].Score + sorted[i + 1].Score) / 2 : sorted[i].Score + 1;
            var error = 0.5 * (idWrong / nId + msWrong / nMs);
            if (error < best.Error - 1e-12 || (Math.Abs(error - best.Error) < 1e-12 && Math.Abs(cut) < Math.Abs(best.Cut))) best = (error, cut);
        }
        return best.Cut;
    }

    private static float[] Fit(IEnumerable<(LanguageSample Sample, (Dictionary<int, int> Words, Dictionary<int, int> Chars) Counts)> samples,
        List<(int Bucket, float Ratio)> frequency, double charWeight, double frequencyWeight, int minCount)
    {
        var buckets = Spec.Buckets;
        // [bucket * 2 + language]: word features and character features counted apart.
        var words = new long[buckets * 2];
        var chars = new long[buckets * 2];
        foreach (var (sample, counts) in samples)
        {
            var language = sample.Language == "id" ? 0 : 1;
            foreach (var (bucket, count) in counts.Words) words[bucket * 2 + language] += count;
            foreach (var (bucket, count) in counts.Chars) chars[bucket * 2 + language] += count;
        }
        var weights = new float[buckets * 2];
        AddLogRatios(words, 1.0, minCount, weights);
        AddLogRatios(chars, charWeight, minCount, weights);
        foreach (var (bucket, ratio) in frequency) weights[bucket * 2] += (float)(frequencyWeight * ratio / 2);
        for (var b = 0; b < buckets; b++)
        {
            var w = MathF.Round(weights[b * 2], 3);
            weights[b * 2] = w;
            weights[b * 2 + 1] = -w;
        }
        return weights;
    }

    // Half the log-ratio goes to each label, so the score difference is the whole ratio.
    private static void AddLogRatios(long[] counts, double scale, int minCount, float[] weights)
    {
        double totalId = 0, totalMs = 0;
        var vocabulary = 0;
        for (var b = 0; b < counts.Length / 2; b++)
        {
            totalId += counts[b * 2];
            totalMs += counts[b * 2 + 1];
            if (counts[b * 2] + counts[b * 2 + 1] > 0) vocabulary++;
        }
        for (var b = 0; b < counts.Length / 2; b++)
        {
            long id = counts[b * 2], ms = counts[b * 2 + 1];
            if (id + ms < minCount) continue;
            var ratio = Math.Log((id + Smoothing) / (totalId + Smoothing * vocabulary)) - Math.Log((ms + Smoothing) / (totalMs + Smoothing * vocabulary));
            weights[b * 2] += (float)(scale * ratio / 2);
        }
    }
}

/// <summary>The candidate weights of <see cref="IdMsTraining"/>'s sources; the defaults made the shipped model.</summary>
public sealed record IdMsTrainingOptions
{
    /// <summary>Candidate weights of character n-gram log-ratios against word ones.</summary>
    public IReadOnlyList<double> CharWeights { get; init; } = [0.2, 0.5, 1.0];
    /// <summary>Candidate weights of the frequency lists' word log-ratios.</summary>
    public IReadOnlyList<double> FrequencyWeights { get; init; } = [0.25, 0.5, 1.0];
    /// <summary>Features seen fewer times than this in the sentences are left out (they change little and fill the file).</summary>
    public int MinCount { get; init; } = 2;
}

/// <summary>Reads labelled sentences (<c>text</c>, <c>language</c>) from JSON Lines, keeping Indonesian and Malay.</summary>
public static class LanguageSamples
{
    /// <param name="part">Which DSLCC lines to keep by <see cref="IdMsTraining.HeldAside"/>: null all, true the held-aside half, false the rest.</param>
    public static List<LanguageSample> Read(string path, bool? part = null)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"Sentence file '{path}' does not exist.");
        var samples = new List<LanguageSample>();
        foreach (var (line, obj) in Corpus.Core.Jsonl.JsonLines.Read(path))
        {
            var language = Corpus.Core.Jsonl.JsonLines.RequireString(obj, "language", path, line);
            if (language is not ("id" or "ms")) continue;
            if (part is { } held && IdMsTraining.HeldAside(Corpus.Core.Jsonl.JsonLines.RequireString(obj, "id", path, line)) != held) continue;
            samples.Add(new LanguageSample(Corpus.Core.Jsonl.JsonLines.RequireString(obj, "text", path, line), language, Calibrates: part is not null));
        }
        return samples;
    }
}
