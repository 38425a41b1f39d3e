using Corpus.Core.Documents;

namespace Corpus.Dedup;

/// <summary>
/// The build's dedup on its documents: repeated site lines out of the text, then exact and near duplicates marked with
/// the id of the kept copy. The build runs the staged code of <c>corpus dedup</c> over its kept documents; these map a
/// document to dedup's input and dedup's verdict back onto the document.
/// </summary>
public static class DedupStage
{
    /// <summary>A kept document as dedup input; <paramref name="index"/> is its position among all kept documents in build order.</summary>
    public static DedupInput InputOf(Document d, long index) => new(index, d.Id, d.Text, d.Url, d.Domain ?? "", d.Published);

    /// <summary>
    /// The document with dedup's verdict applied: repeated lines out of the text, cluster facts, duplicate mark. Counts
    /// taken before are stale when lines went; the caller recounts them (<see cref="Document.RepeatedLinesRemoved"/> &gt; 0).
    /// </summary>
    public static Document Apply(Document d, DedupVerdict v)
    {
        if (v.LinesRemoved > 0)
            d = d with { Text = v.Text, RepeatedLinesRemoved = v.LinesRemoved };
        d = d with { DupCluster = v.Cluster, DupClusterSize = v.ClusterSize };
        return v.DuplicateOf is { } keeper ? d.MarkDuplicateOf(keeper) : d;
    }
}
