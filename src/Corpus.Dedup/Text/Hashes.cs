using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Corpus.Dedup.Text;

/// <summary>The 128-bit keys dedup compares: normalised text, canonical URL, a host, a line.</summary>
public static class Hashes
{
    /// <summary>XxHash128 of the folded text (its UTF-16 code units), the exact-duplicate key.</summary>
    public static UInt128 FoldedText(ReadOnlySpan<char> text) => Of(TextFolding.Fold(text));

    public static UInt128 Of(ReadOnlySpan<char> value) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(value));

    public static ulong Host(string host) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(host.ToLowerInvariant().AsSpan()));
}
