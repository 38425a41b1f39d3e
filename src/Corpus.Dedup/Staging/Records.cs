using System.Runtime.InteropServices;

namespace Corpus.Dedup.Staging;

/// <summary>
/// A document's key in one bucket space: an LSH band (0..bands-1), the exact text hash or the canonical URL hash.
/// Documents sharing a (space, key) are duplicates or candidates. Sorted by space, key, then document.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public readonly record struct BucketRecord(ulong KeyHigh, ulong KeyLow, long Doc, int Space)
{
    public const int ExactSpace = -1;
    public const int UrlSpace = -2;
}

public readonly struct BucketOrder : IComparer<BucketRecord>
{
    public int Compare(BucketRecord x, BucketRecord y)
    {
        var c = x.Space.CompareTo(y.Space);
        if (c != 0) return c;
        c = x.KeyHigh.CompareTo(y.KeyHigh);
        if (c != 0) return c;
        c = x.KeyLow.CompareTo(y.KeyLow);
        return c != 0 ? c : x.Doc.CompareTo(y.Doc);
    }
}

/// <summary>One distinct line of one document, keyed by its host and its folded text hash.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public readonly record struct LineRecord(ulong Host, ulong LineHigh, ulong LineLow, long Doc);

public readonly struct LineOrder : IComparer<LineRecord>
{
    public int Compare(LineRecord x, LineRecord y)
    {
        var c = x.Host.CompareTo(y.Host);
        if (c != 0) return c;
        c = x.LineHigh.CompareTo(y.LineHigh);
        if (c != 0) return c;
        c = x.LineLow.CompareTo(y.LineLow);
        return c != 0 ? c : x.Doc.CompareTo(y.Doc);
    }
}

/// <summary>Two documents that share a bucket, so belong to one cluster.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public readonly record struct Edge(long A, long B);
