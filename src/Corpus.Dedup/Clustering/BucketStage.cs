using System.Runtime.CompilerServices;
using Corpus.Dedup.Staging;

namespace Corpus.Dedup.Clustering;

/// <summary>
/// Stage 4 (partition j of N): merges the sorted bucket runs of its partition; every document that shares a bucket
/// with the first document of that bucket becomes an edge to it. Streams: memory is one record per run.
/// </summary>
public static class BucketStage
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(WorkLayout layout, int partition)
    {
        using var edges = new RecordFile.Writer<Edge>(layout.Edges(partition));
        BucketRecord? first = null;
        long lastDoc = -1;
        using var runs = new RunMerger<BucketRecord, BucketOrder>(WorkLayout.RunFiles(layout.BucketRuns(partition)));
        while (runs.Next(out var r))
        {
            if (first is { } f && f.Space == r.Space && f.KeyHigh == r.KeyHigh && f.KeyLow == r.KeyLow)
            {
                if (r.Doc != lastDoc && r.Doc != f.Doc) edges.Add(new Edge(f.Doc, r.Doc));
            }
            else first = r;
            lastDoc = r.Doc;
        }
    }
}
