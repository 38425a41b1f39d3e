using System.Runtime.CompilerServices;

namespace Corpus.Dedup.Staging;

/// <summary>
/// Introsort over a span with the order as a struct type argument, so each comparison is a direct, inlinable call
/// (<c>Span.Sort(comparer)</c> goes through a <see cref="Comparison{T}"/> delegate per comparison).
/// </summary>
/// <remarks>
/// Not stable; the orders the stages sort by compare every field of a record, so equal records are the same bytes
/// and the sorted run is the same whatever the algorithm. Every method is compiled optimised at its first call: a run is
/// sorted in one long call, which tier-0 code would otherwise run for most of its length.
/// </remarks>
public static class StructSort
{
    private const int InsertionLimit = 24;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort<T, TOrder>(Span<T> span, TOrder order) where TOrder : struct, IComparer<T>
    {
        if (span.Length < 2) return;
        var depth = 2 * (System.Numerics.BitOperations.Log2((uint)span.Length) + 1);
        Introsort(span, order, depth);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Introsort<T, TOrder>(Span<T> span, TOrder order, int depth) where TOrder : struct, IComparer<T>
    {
        while (span.Length > InsertionLimit)
        {
            if (depth-- == 0)
            {
                HeapSort(span, order);
                return;
            }
            var pivot = Partition(span, order);
            // Recurse into the smaller side, loop on the larger: the stack stays O(log n).
            if (pivot < span.Length - pivot)
            {
                Introsort(span[..pivot], order, depth);
                span = span[(pivot + 1)..];
            }
            else
            {
                Introsort(span[(pivot + 1)..], order, depth);
                span = span[..pivot];
            }
        }
        InsertionSort(span, order);
    }

    /// <summary>Median-of-three Hoare-style partition; returns the pivot's final position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Partition<T, TOrder>(Span<T> span, TOrder order) where TOrder : struct, IComparer<T>
    {
        var hi = span.Length - 1;
        var mid = hi >> 1;
        SwapIfGreater(span, order, 0, mid);
        SwapIfGreater(span, order, 0, hi);
        SwapIfGreater(span, order, mid, hi);
        var pivot = span[mid];
        Swap(span, mid, hi - 1);
        int left = 0, right = hi - 1;
        while (left < right)
        {
            while (order.Compare(span[++left], pivot) < 0) { }
            while (order.Compare(pivot, span[--right]) < 0) { }
            if (left >= right) break;
            Swap(span, left, right);
        }
        if (left != hi - 1) Swap(span, left, hi - 1);
        return left;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InsertionSort<T, TOrder>(Span<T> span, TOrder order) where TOrder : struct, IComparer<T>
    {
        for (var i = 1; i < span.Length; i++)
        {
            var item = span[i];
            var j = i - 1;
            while (j >= 0 && order.Compare(item, span[j]) < 0)
            {
                span[j + 1] = span[j];
                j--;
            }
            span[j + 1] = item;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HeapSort<T, TOrder>(Span<T> span, TOrder order) where TOrder : struct, IComparer<T>
    {
        var n = span.Length;
        for (var i = n / 2 - 1; i >= 0; i--) SiftDown(span, order, i, n);
        for (var end = n - 1; end > 0; end--)
        {
            Swap(span, 0, end);
            SiftDown(span, order, 0, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SiftDown<T, TOrder>(Span<T> span, TOrder order, int i, int n) where TOrder : struct, IComparer<T>
    {
        var item = span[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && order.Compare(span[child], span[child + 1]) < 0) child++;
            if (order.Compare(item, span[child]) >= 0) break;
            span[i] = span[child];
            i = child;
        }
        span[i] = item;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SwapIfGreater<T, TOrder>(Span<T> span, TOrder order, int a, int b) where TOrder : struct, IComparer<T>
    {
        if (order.Compare(span[a], span[b]) > 0) Swap(span, a, b);
    }

    private static void Swap<T>(Span<T> span, int a, int b) => (span[a], span[b]) = (span[b], span[a]);
}
