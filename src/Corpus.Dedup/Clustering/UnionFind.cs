using System.Runtime.CompilerServices;

namespace Corpus.Dedup.Clustering;

/// <summary>
/// Disjoint sets over document indices: the only state of the whole dedup that grows with the corpus
/// (4 bytes per document). Union by smaller index keeps roots deterministic whatever the edge order.
/// </summary>
public sealed class UnionFind
{
    private readonly int[] _parent;

    public UnionFind(long count)
    {
        if (count > int.MaxValue) throw new NotSupportedException("More than 2^31 documents in one dedup.");
        _parent = new int[count];
        for (var i = 0; i < _parent.Length; i++) _parent[i] = i;
    }

    public int Count => _parent.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(int x)
    {
        var root = x;
        while (_parent[root] != root) root = _parent[root];
        while (_parent[x] != root) (x, _parent[x]) = (_parent[x], root);
        return root;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb) return;
        if (ra < rb) _parent[rb] = ra; else _parent[ra] = rb;
    }
}
