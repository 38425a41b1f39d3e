namespace Corpus.Dedup.Clustering;

/// <summary>What the cluster stage knows of each document to choose the keeper.</summary>
public readonly record struct KeeperKey(long Index, long PublishedTicks, int Length, string Id)
{
    public static long Ticks(DateTimeOffset? published) => published?.UtcTicks ?? long.MaxValue;
}

/// <summary>
/// Which copy of a duplicate cluster is kept: the earliest published (the original, not the re-post), then the
/// longest text (the fullest version), then the smallest id, so the choice never depends on crawl or input order.
/// </summary>
public sealed class KeeperOrder : IComparer<KeeperKey>
{
    public static readonly KeeperOrder Instance = new();

    public int Compare(KeeperKey x, KeeperKey y)
    {
        var c = x.PublishedTicks.CompareTo(y.PublishedTicks);
        if (c != 0) return c;
        c = y.Length.CompareTo(x.Length);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Id, y.Id);
        return c != 0 ? c : x.Index.CompareTo(y.Index);
    }
}
