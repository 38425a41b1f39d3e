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
            var (text, removed) = repeated.Clean(doc);
            if (pending is { } a && a.Index == doc.Index)
            {
                pending = assignments.MoveNext() ? assignments.Current : null;
                yield return new DedupVerdict(doc, text, removed, a.KeeperIndex == doc.Index ? null : a.KeeperId, a.KeeperId, a.Size);
            }
            else yield return new DedupVerdict(doc, text, removed, null, null, 1);
        }
        if (pending is not null) throw new InvalidOperationException("Cluster assignments do not match the input: was the input changed between stages?");
    }
}
