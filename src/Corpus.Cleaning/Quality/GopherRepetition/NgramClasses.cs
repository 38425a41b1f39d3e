using System.Buffers;
using System.Numerics;

namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>
/// Per word position and n, the n-gram starting there as a number: the position where that n-gram first occurs, so
/// equal numbers are equal n-grams. Level n is made from level n − 1 and the n-th word (the n-gram at p is the
/// (n − 1)-gram at p followed by word p + n − 1), so each level hashes a pair of integers instead of n words, and the
/// n-gram rules count and look up by array index instead of hashing n-grams again for each rule.
/// </summary>
internal sealed class NgramClasses(WordTable words) : IDisposable
{
    /// <summary>The longest n-gram a rule asks for.</summary>
    public const int MaxN = 10;

    private readonly int[]?[] _levels = new int[]?[MaxN + 1];

    /// <summary>Per position p (0 ≤ p ≤ count − n), the first position of the n-gram at p.</summary>
    public ReadOnlySpan<int> Of(int n)
    {
        if (n < 1 || n > MaxN) throw new ArgumentOutOfRangeException(nameof(n));
        return Level(n).AsSpan(0, Math.Max(0, words.Count - n + 1));
    }

    private int[] Level(int n)
    {
        if (n == 1) return words.IdArray;
        if (_levels[n] is { } done) return done;
        var shorter = Level(n - 1);
        var count = words.Count - n + 1;
        var classes = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        if (count > 0)
        {
            using var firsts = new KeyTable<PairKeys>(new PairKeys(shorter, words.IdArray, n - 1), count);
            for (var p = 0; p < count; p++)
            {
                ref var first = ref firsts.ValueOf(p, out var added);
                if (added) first = p;
                classes[p] = first;
            }
        }
        _levels[n] = classes;
        return classes;
    }

    public void Dispose()
    {
        for (var n = 2; n <= MaxN; n++)
        {
            if (_levels[n] is { } level) ArrayPool<int>.Shared.Return(level);
            _levels[n] = null;
        }
    }

    /// <summary>The n-gram at p as the pair (class of the (n − 1)-gram at p, word p + n − 1).</summary>
    private readonly struct PairKeys(int[] shorter, int[] ids, int last) : IKeys
    {
        public int Hash(int key)
        {
            var h = (uint)shorter[key] * 0x9E3779B1u;
            h = BitOperations.RotateLeft(h ^ ((uint)ids[key + last] * 0x85EBCA6Bu), 15) * 0xC2B2AE35u;
            return (int)(h ^ (h >> 16));
        }

        public bool Equal(int a, int b) => shorter[a] == shorter[b] && ids[a + last] == ids[b + last];
    }
}
