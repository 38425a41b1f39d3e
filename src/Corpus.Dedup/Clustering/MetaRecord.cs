namespace Corpus.Dedup.Clustering;

/// <summary>The keeper facts of one document, as the signature stage writes them and the cluster stage reads them.</summary>
public readonly record struct MetaRecord(KeeperKey Key)
{
    public void Write(BinaryWriter w)
    {
        w.Write(Key.Index);
        w.Write(Key.PublishedTicks);
        w.Write(Key.Length);
        w.Write(Key.Id);
    }

    public static IEnumerable<KeeperKey> ReadAll(string path)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"'{path}' is missing: run the signatures stage for every task first.");
        using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16));
        var end = r.BaseStream.Length; // once, not a stat call per record
        while (r.BaseStream.Position < end)
            yield return new KeeperKey(r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), r.ReadString());
    }
}
