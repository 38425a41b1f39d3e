using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Dedup.Exact;

/// <summary>
/// Documents with the same folded text are one document. The keeper is the earliest published, then the longest,
/// then the smallest id, so the choice does not depend on crawl order.
/// </summary>
public sealed class ExactDedupStage : ICorpusStage
{
    public string Name => "dedup.exact";

    public IReadOnlyList<Document> Process(IReadOnlyList<Document> documents)
    {
        var result = documents.ToArray();
        var groups = Enumerable.Range(0, result.Length).GroupBy(i => TextFingerprint.Of(result[i].Text));
        foreach (var group in groups)
        {
            var members = group.ToList();
            if (members.Count == 1) continue;
            var keeper = members.OrderBy(i => result[i], KeeperOrder.Instance).First();
            foreach (var i in members)
                result[i] = i == keeper ? result[i] with { DupClusterSize = members.Count } : result[i].MarkDuplicateOf(result[keeper].Id);
        }
        return result;
    }
}

/// <summary>Which copy of a duplicate cluster is kept: earliest published, then longest text, then smallest id.</summary>
public sealed class KeeperOrder : IComparer<Document>
{
    public static readonly KeeperOrder Instance = new();

    public int Compare(Document? x, Document? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        var px = x.Published ?? DateTimeOffset.MaxValue;
        var py = y.Published ?? DateTimeOffset.MaxValue;
        var c = px.CompareTo(py);
        if (c != 0) return c;
        c = y.Text.Length.CompareTo(x.Text.Length);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }
}
