using Corpus.Core.Documents;

namespace Corpus.Parquet.Release;

/// <summary>Tallies kept documents as they stream to the writer, for the manifest's counts and the card's charts.</summary>
public sealed class ReleaseStatistics
{
    /// <summary>Document-length buckets in words: (label, exclusive upper bound).</summary>
    public static readonly IReadOnlyList<(string Label, int Below)> LengthBuckets =
    [
        ("<100", 100), ("100-249", 250), ("250-499", 500), ("500-999", 1000), ("1000-1999", 2000), ("2000+", int.MaxValue),
    ];

    private readonly SortedDictionary<string, long> _language = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _topic = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _domain = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _topicLabels = new(StringComparer.Ordinal);
    private readonly long[] _lengths = new long[LengthBuckets.Count];

    /// <summary>Counts <paramref name="documents"/> as they pass, without holding them.</summary>
    public IEnumerable<Document> Observe(IEnumerable<Document> documents)
    {
        foreach (var d in documents)
        {
            Add(d);
            yield return d;
        }
    }

    /// <summary>Counts one kept document.</summary>
    public void Add(Document d)
    {
        Add(d.Language, d.Topic, d.Domain ?? "", d.WordCount);
        // The first label seen names the topic in the card's charts (the rows arrive in a fixed order).
        if (d.Topic is not null && d.TopicLabel is not null) _topicLabels.TryAdd(d.Topic, d.TopicLabel);
    }

    /// <summary>Counts one kept row, as the writer sees it or as <c>corpus verify</c> reads it back from a shard.</summary>
    public void Add(string? language, string? topic, string domain, int wordCount)
    {
        Add(_language, language ?? "und");
        Add(_topic, topic ?? "(none)");
        Add(_domain, domain);
        var bucket = 0;
        while (wordCount >= LengthBuckets[bucket].Below) bucket++;
        _lengths[bucket]++;
    }

    public ReleaseCounts ToCounts()
    {
        var lengths = new Dictionary<string, long>();
        for (var i = 0; i < LengthBuckets.Count; i++) lengths[LengthBuckets[i].Label] = _lengths[i];
        return new ReleaseCounts(_language, _topic, _domain, lengths, _topicLabels);
    }

    private static void Add(SortedDictionary<string, long> tally, string key) => tally[key] = tally.GetValueOrDefault(key) + 1;
}
