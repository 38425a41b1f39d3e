using Corpus.Dedup.Staging;

namespace Corpus.Dedup.Clustering;

/// <summary>A document in a cluster of two or more: its keeper and the cluster size.</summary>
public readonly record struct ClusterAssignment(long Index, long KeeperIndex, string KeeperId, int Size)
{
    public void Write(RecordWriter w)
    {
        w.Write(Index);
        w.Write(KeeperIndex);
        w.Write(KeeperId);
        w.Write(Size);
    }

    public static IEnumerable<ClusterAssignment> ReadAll(string path)
    {
        using var r = new RecordReader(path, "run the clusters stage first.");
        while (!r.AtEnd)
            yield return new ClusterAssignment(r.ReadInt64(), r.ReadInt64(), r.ReadString(), r.ReadInt32());
    }
}
