using Corpus.Dedup.Clustering;
using Corpus.Dedup.Lines;
using Corpus.Dedup.Staging;

namespace Corpus.Dedup;

/// <summary>
/// Stage 6 (task i of N): reads its slice again beside the cluster assignments of that slice (both in index order)
/// and gives every document its verdict: text without repeated lines, duplicate_of, cluster.
/// </summary>
public static class FilterStage
{
    public static IEnumerable<DedupVerdict> Run(IDedupSource source, DedupOptions options, WorkLayout layout, RepeatedLineSet repeated, int task)
    {
        using var assignments = ClusterAssignment.ReadAll(layout.Clusters(task)).GetEnumerator();
        var pending = assignments.MoveNext() ? assignments.Current : (ClusterAssignment?)null;
        foreach (var doc in source.Slice(task, options.Tasks))
        {
            ClusterAssignment? mine = null;
            if (pending is { } a && a.Index == doc.Index)
            {
                mine = a;
                pending = assignments.MoveNext() ? assignments.Current : null;
            }
            yield return Verdict(doc, repeated, mine);
        }
        if (pending is not null) throw new InvalidOperationException("Cluster assignments do not match the input: was the input changed between stages?");
    }

    /// <summary>One document's verdict: its text without repeated lines, and its cluster assignment if it has one.</summary>
    public static DedupVerdict Verdict(DedupInput doc, RepeatedLineSet repeated, ClusterAssignment? assignment)
    {
        var (text, removed) = repeated.Clean(doc);
        return assignment is { } a
            ? new DedupVerdict(doc, text, removed, a.KeeperIndex == doc.Index ? null : a.KeeperId, a.KeeperId, a.Size)
            : new DedupVerdict(doc, text, removed, null, null, 1);
    }
}
