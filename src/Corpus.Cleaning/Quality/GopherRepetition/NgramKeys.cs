using System.Numerics;

namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>
/// Word n-grams as keys of a <see cref="KeyTable{TKeys}"/>: the n-gram at position p is the word numbers
/// p..p+n-1 of a <see cref="WordTable"/>, equal exactly when the words joined by spaces are equal (words hold no spaces).
/// </summary>
internal readonly struct NgramKeys(int[] ids, int n) : IKeys
{
    public int Hash(int key)
    {
        var h = 0u;
        for (var k = 0; k < n; k++) h = BitOperations.RotateLeft((h ^ (uint)ids[key + k]) * 0x9E3779B1u, 13);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        return (int)(h ^ (h >> 13));
    }

    public bool Equal(int a, int b) => ids.AsSpan(a, n).SequenceEqual(ids.AsSpan(b, n));

    /// <summary>Characters of the n-gram at <paramref name="position"/> joined by single spaces.</summary>
    public static int Length(ReadOnlySpan<int> lengths, int position, int n)
    {
        var chars = n - 1;
        for (var k = 0; k < n; k++) chars += lengths[position + k];
        return chars;
    }
}
