using System.Runtime.CompilerServices;
using Corpus.Dedup.Staging;

namespace Corpus.Dedup.Clustering;

/// <summary>
/// Stage 5 (one task, the global view): union-find over all edges, then the keeper of each cluster by
/// <see cref="KeeperOrder"/>, written back per input task so each filter task reads only its own slice.
/// Memory: 8 bytes per document plus one keeper per multi-document cluster.
/// </summary>
public static class ClusterStage
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (long Documents, long Clusters, long Duplicates) Run(DedupOptions options, WorkLayout layout)
    {
        var tasks = options.Tasks;
        long documents = 0;
        for (var t = 0; t < tasks; t++) documents += MetaRecord.ReadAll(layout.Meta(t)).LongCount();
        var sets = new UnionFind(documents);
        for (var p = 0; p < tasks; p++)
        {
            var path = layout.Edges(p);
            if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"'{path}' is missing: run the buckets stage for every partition first.");
            foreach (var e in RecordFile.Read<Edge>(path)) sets.Union((int)e.A, (int)e.B);
        }
        var sizes = new int[documents];
        for (var i = 0; i < sets.Count; i++) sizes[sets.Find(i)]++;

        var keepers = new Dictionary<int, KeeperKey>();
        for (var t = 0; t < tasks; t++)
            foreach (var key in MetaRecord.ReadAll(layout.Meta(t)))
            {
                var root = sets.Find((int)key.Index);
                if (sizes[root] < 2) continue;
                if (!keepers.TryGetValue(root, out var best) || KeeperOrder.Instance.Compare(key, best) < 0) keepers[root] = key;
            }

        long duplicates = 0;
        for (var t = 0; t < tasks; t++)
        {
            using var w = new RecordWriter(layout.Clusters(t));
            foreach (var key in MetaRecord.ReadAll(layout.Meta(t)))
            {
                var root = sets.Find((int)key.Index);
                if (sizes[root] < 2) continue;
                var keeper = keepers[root];
                if (keeper.Index != key.Index) duplicates++;
                new ClusterAssignment(key.Index, keeper.Index, keeper.Id, sizes[root]).Write(w);
            }
            w.Commit();
        }
        return (documents, keepers.Count, duplicates);
    }
}
