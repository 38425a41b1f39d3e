using System.Globalization;
using System.IO.Compression;

namespace Corpus.Annotation.Topics;

/// <summary>
/// A linear model over hashed word n-grams: each feature carries a non-negative weight for one or more topics. The
/// score of a topic is the sum of the weights of the features in a text, each damped by <c>1 + ln(count)</c> so that a
/// word repeated twenty times does not outvote twenty different words. Weights come from two places: keyword priors
/// written by hand per language (<c>Data/topic-keywords.tsv</c>), and, after <c>corpus topics train</c>, log-odds
/// learned from labelled documents.
/// </summary>
public sealed class TopicModel
{
    public const string FormatLine = "corpus-topic-model\t1";

    private readonly Dictionary<ulong, float[]> _weights;

    public TopicModel(IReadOnlyList<IptcTopic> topics, Dictionary<ulong, float[]> weights, string name)
    {
        Topics = topics;
        _weights = weights;
        Name = name;
    }

    public IReadOnlyList<IptcTopic> Topics { get; }

    /// <summary>Where the model came from: <c>builtin</c> or a file name.</summary>
    public string Name { get; }

    public int FeatureCount => _weights.Count;

    /// <summary>Per-topic evidence for a text (title counted twice: a headline is the densest statement of a topic).</summary>
    public double[] Score(string text, string? title)
    {
        var counts = new Dictionary<ulong, float>();
        TopicFeatures.Count(text, counts);
        if (!string.IsNullOrWhiteSpace(title)) TopicFeatures.Count(title, counts, 2f);
        var scores = new double[Topics.Count];
        foreach (var (feature, count) in counts)
        {
            if (!_weights.TryGetValue(feature, out var w)) continue;
            var damp = 1 + Math.Log(count);
            for (var t = 0; t < w.Length; t++) scores[t] += w[t] * damp;
        }
        return scores;
    }

    /// <summary>The model the stage uses when the recipe names none: the keyword priors alone.</summary>
    public static TopicModel Builtin { get; } = new(IptcTopics.All, KeywordPriors.Load(), "builtin");

    public void Save(string path)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        using var writer = new StreamWriter(gzip);
        writer.WriteLine(FormatLine);
        writer.WriteLine(string.Join('\t', Topics.Select(t => t.Id)));
        // Sorted so the same training data always gives the same bytes.
        foreach (var (feature, w) in _weights.OrderBy(p => p.Key))
            writer.WriteLine(feature.ToString("x16", CultureInfo.InvariantCulture) + "\t" +
                             string.Join('\t', w.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture))));
    }

    public static TopicModel Load(string path)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"Topic model '{path}' does not exist.");
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            if (reader.ReadLine() != FormatLine)
                throw new Corpus.Core.CorpusUserException($"'{path}' is not a Corpus topic model (make one with 'corpus topics train').");
            var topics = (reader.ReadLine() ?? "").Split('\t').Select(IptcTopics.Get).ToList();
            var weights = new Dictionary<ulong, float[]>();
            var number = 2;
            while (reader.ReadLine() is { } line)
            {
                number++;
                var f = line.Split('\t');
                if (f.Length != topics.Count + 1)
                    throw new Corpus.Core.CorpusUserException($"{path} line {number}: expected {topics.Count + 1} fields.");
                weights[ulong.Parse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] =
                    f[1..].Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            }
            return new TopicModel(topics, weights, Path.GetFileName(path));
        }
        catch (InvalidDataException e)
        {
            throw new Corpus.Core.CorpusUserException($"'{path}' is not a Corpus topic model ({e.Message}).", e);
        }
    }

    internal Dictionary<ulong, float[]> CopyWeights() => _weights.ToDictionary(p => p.Key, p => (float[])p.Value.Clone());
}
