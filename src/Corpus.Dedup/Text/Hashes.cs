using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Corpus.Dedup.Text;

/// <summary>The 128-bit keys dedup compares: normalised text, canonical URL, a host, a line.</summary>
public static class Hashes
{
    /// <summary>XxHash128 of the folded text (its UTF-16 code units), the exact-duplicate key.</summary>
    public static UInt128 FoldedText(ReadOnlySpan<char> text) => Folded(text, out _);

    /// <summary>XxHash128 of the folded text, folded in a pooled buffer; <paramref name="empty"/> when it folds to nothing.</summary>
    public static UInt128 Folded(ReadOnlySpan<char> text, out bool empty)
    {
        char[]? rented = null;
        Span<char> scratch = text.Length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = TextFolding.Fold(text, scratch);
            empty = length == 0;
            return Of(scratch[..length]);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    public static UInt128 Of(ReadOnlySpan<char> value) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(value));

    public static ulong Host(string host)
    {
        Span<char> lower = host.Length <= 256 ? stackalloc char[256] : new char[host.Length];
        var length = host.AsSpan().ToLowerInvariant(lower);
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(lower[..length]));
    }
}
