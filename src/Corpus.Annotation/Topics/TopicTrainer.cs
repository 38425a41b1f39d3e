namespace Corpus.Annotation.Topics;

/// <summary>One labelled document for training: its text, optional title, and its top-level topic.</summary>
public sealed record LabelledText(string Text, string? Title, IptcTopic Topic);

/// <summary>
/// Learns feature weights from labelled documents and adds them to a starting model (the keyword priors by default).
/// A feature's weight for a topic is the log-ratio of how often documents of that topic contain it against how often
/// the other documents do, kept only when positive and shrunk for rare features (<c>df / (df + 3)</c>), so a word seen
/// in two documents cannot outweigh a keyword a person chose.
/// </summary>
public static class TopicTrainer
{
    public const int MinDocumentFrequency = 2;

    public static TopicModel Train(IEnumerable<LabelledText> examples, TopicModel start, string name)
    {
        var topics = start.Topics;
        var perTopic = new int[topics.Count];
        var df = new Dictionary<ulong, int[]>();
        var total = 0;
        foreach (var example in examples)
        {
            var t = KeywordPriors.IndexOf(topics, example.Topic);
            perTopic[t]++;
            total++;
            var counts = new Dictionary<ulong, float>();
            TopicFeatures.Count(example.Text, counts);
            if (example.Title is not null) TopicFeatures.Count(example.Title, counts);
            foreach (var feature in counts.Keys)
            {
                if (!df.TryGetValue(feature, out var d)) df[feature] = d = new int[topics.Count];
                d[t]++;
            }
        }
        if (total == 0) throw new Corpus.Core.CorpusUserException("No labelled documents to train on.");

        var weights = start.CopyWeights();
        foreach (var (feature, d) in df)
        {
            var all = d.Sum();
            for (var t = 0; t < topics.Count; t++)
            {
                if (d[t] < MinDocumentFrequency || perTopic[t] == 0) continue;
                var inTopic = (d[t] + 0.5) / (perTopic[t] + 1.0);
                var outside = (all - d[t] + 0.5) / (total - perTopic[t] + 1.0);
                var w = Math.Log(inTopic / outside) * d[t] / (d[t] + 3.0);
                if (w <= 0) continue;
                if (!weights.TryGetValue(feature, out var vector)) weights[feature] = vector = new float[topics.Count];
                vector[t] += (float)Math.Round(w, 4);
            }
        }
        return new TopicModel(topics, weights, name);
    }
}
