using System.Buffers;
using System.Runtime.CompilerServices;

namespace Corpus.Dedup.Staging;

/// <summary>
/// Sorts bucket records into <see cref="BucketOrder"/> without comparisons for most of the work: the records are split
/// in place by space (a few dozen values), each space is radix-sorted by its 128-bit key a byte at a time (bytes that are
/// the same in every record of the space are skipped: a band's high key is always 0), and the few records that share a
/// key are put in document order by the order itself. The result is what <see cref="StructSort"/> gives (equal records
/// are the same bytes), in a fraction of the time: a comparison sort of hashed keys mispredicts about every other branch.
/// </summary>
/// <remarks>The scratch is one space's records, from the pool: a band is 1/(bands + 2) of the run, not a second copy of it.</remarks>
public static class BucketSort
{
    /// <summary>Spaces wider than this take the comparison sort (the recipe allows up to 1,024 bands).</summary>
    private const int MaxSpaces = 4096;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<BucketRecord> records)
    {
        if (records.Length < 2) return;
        int low = int.MaxValue, high = int.MinValue;
        foreach (ref readonly var r in records)
        {
            low = Math.Min(low, r.Space);
            high = Math.Max(high, r.Space);
        }
        if ((long)high - low >= MaxSpaces)
        {
            StructSort.Sort(records, default(BucketOrder));
            return;
        }
        var spaces = high - low + 1;
        var starts = new int[spaces + 1];
        foreach (ref readonly var r in records) starts[r.Space - low + 1]++;
        for (var s = 0; s < spaces; s++) starts[s + 1] += starts[s];
        SplitBySpace(records, low, starts);

        var largest = 0;
        for (var s = 0; s < spaces; s++) largest = Math.Max(largest, starts[s + 1] - starts[s]);
        var scratch = ArrayPool<BucketRecord>.Shared.Rent(largest);
        try
        {
            for (var s = 0; s < spaces; s++)
            {
                var space = records[starts[s]..starts[s + 1]];
                if (space.Length <= 64) StructSort.Sort(space, default(BucketOrder));
                else ByKey(space, scratch.AsSpan(0, space.Length));
            }
        }
        finally
        {
            ArrayPool<BucketRecord>.Shared.Return(scratch);
        }
    }

    /// <summary>In place, each record into its space's range (<paramref name="starts"/>: where each space begins, and the end).</summary>
    private static void SplitBySpace(Span<BucketRecord> records, int low, int[] starts)
    {
        var spaces = starts.Length - 1;
        var next = starts[..spaces];
        for (var s = 0; s < spaces; s++)
        {
            while (next[s] < starts[s + 1])
            {
                var r = records[next[s]];
                var home = r.Space - low;
                if (home == s)
                {
                    next[s]++;
                    continue;
                }
                // Swap it to where its space is filling; what comes back is looked at next.
                records[next[s]] = records[next[home]];
                records[next[home]++] = r;
            }
        }
    }

    /// <summary>One space by (KeyHigh, KeyLow), least significant byte first, then Doc among equal keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ByKey(Span<BucketRecord> space, Span<BucketRecord> scratch)
    {
        // Every byte's counts in one pass; a byte with one value in every record moves nothing and is skipped.
        var counts = new int[16 * 256];
        foreach (ref readonly var r in space)
        {
            var lowKey = r.KeyLow;
            var highKey = r.KeyHigh;
            for (var b = 0; b < 8; b++)
            {
                counts[b * 256 + (int)((lowKey >> (8 * b)) & 0xFF)]++;
                counts[(8 + b) * 256 + (int)((highKey >> (8 * b)) & 0xFF)]++;
            }
        }
        Span<BucketRecord> from = space, to = scratch;
        for (var b = 0; b < 16; b++)
        {
            var histogram = counts.AsSpan(b * 256, 256);
            if (histogram.Contains(space.Length)) continue;
            var offset = 0;
            for (var v = 0; v < 256; v++) (histogram[v], offset) = (offset, offset + histogram[v]);
            var shift = 8 * (b & 7);
            var high = b >= 8;
            foreach (ref readonly var r in from)
            {
                var v = (int)(((high ? r.KeyHigh : r.KeyLow) >> shift) & 0xFF);
                to[histogram[v]++] = r;
            }
            var swap = from;
            from = to;
            to = swap;
        }
        if (from != space) from.CopyTo(space);

        // Equal keys are rare (duplicates and candidates) and kept in arrival order by the stable passes: order them by Doc.
        for (var start = 0; start < space.Length;)
        {
            var end = start + 1;
            while (end < space.Length && space[end].KeyLow == space[start].KeyLow && space[end].KeyHigh == space[start].KeyHigh) end++;
            if (end - start > 1) StructSort.Sort(space[start..end], default(BucketOrder));
            start = end;
        }
    }
}
