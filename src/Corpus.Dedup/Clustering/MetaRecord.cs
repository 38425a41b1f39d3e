using Corpus.Dedup.Staging;

namespace Corpus.Dedup.Clustering;

/// <summary>The keeper facts of one document, as the signature stage writes them and the cluster stage reads them.</summary>
public readonly record struct MetaRecord(KeeperKey Key)
{
    public void Write(RecordWriter w)
    {
        w.Write(Key.Index);
        w.Write(Key.PublishedTicks);
        w.Write(Key.Length);
        w.Write(Key.Id);
    }

    public static IEnumerable<KeeperKey> ReadAll(string path)
    {
        using var r = new RecordReader(path, "run the signatures stage for every task first.");
        while (!r.AtEnd)
            yield return new KeeperKey(r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), r.ReadString());
    }
}
