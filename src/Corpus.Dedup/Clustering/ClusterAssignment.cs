namespace Corpus.Dedup.Clustering;

/// <summary>A document in a cluster of two or more: its keeper and the cluster size.</summary>
public readonly record struct ClusterAssignment(long Index, long KeeperIndex, string KeeperId, int Size)
{
    public void Write(BinaryWriter w)
    {
        w.Write(Index);
        w.Write(KeeperIndex);
        w.Write(KeeperId);
        w.Write(Size);
    }

    public static IEnumerable<ClusterAssignment> ReadAll(string path)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"'{path}' is missing: run the clusters stage first.");
        using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16));
        var end = r.BaseStream.Length; // once, not a stat call per record
        while (r.BaseStream.Position < end)
            yield return new ClusterAssignment(r.ReadInt64(), r.ReadInt64(), r.ReadString(), r.ReadInt32());
    }
}
