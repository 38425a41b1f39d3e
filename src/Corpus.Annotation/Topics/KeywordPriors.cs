namespace Corpus.Annotation.Topics;

/// <summary>
/// Hand-written keyword priors (<c>Data/topic-keywords.tsv</c>: topic key, language, weight, then words or two-word
/// phrases). They make the classifier work from the first document in Indonesian, Malay and English without any
/// training text, and they stay in every trained model so that learned weights refine them rather than replace them.
/// </summary>
public static class KeywordPriors
{
    private const string File = "topic-keywords.tsv";

    public static Dictionary<ulong, float[]> Load()
    {
        var topics = IptcTopics.All;
        var weights = new Dictionary<ulong, float[]>();
        foreach (var (line, raw) in AnnotationData.ReadTsv(File))
        {
            var f = AnnotationData.Need(File, line, raw, 4);
            var topic = IptcTopics.Find(f[0]) ?? throw new InvalidDataException($"{File} line {line}: unknown topic '{f[0]}'.");
            var index = IndexOf(topics, topic);
            if (!float.TryParse(f[2], System.Globalization.CultureInfo.InvariantCulture, out var weight))
                throw new InvalidDataException($"{File} line {line}: weight '{f[2]}' is not a number.");
            foreach (var phrase in f[3].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                ulong key;
                try { key = TopicFeatures.HashPhrase(phrase); }
                catch (ArgumentException e) { throw new InvalidDataException($"{File} line {line}: {e.Message}"); }
                if (!weights.TryGetValue(key, out var w)) weights[key] = w = new float[topics.Count];
                // A word listed under two topics (e.g. 'court' for crime and sport) splits nothing: each topic keeps its weight.
                w[index] = Math.Max(w[index], weight);
            }
        }
        return weights;
    }

    internal static int IndexOf(IReadOnlyList<IptcTopic> topics, IptcTopic topic)
    {
        for (var i = 0; i < topics.Count; i++) if (topics[i].Id == topic.Id) return i;
        throw new InvalidOperationException(topic.Id);
    }
}
