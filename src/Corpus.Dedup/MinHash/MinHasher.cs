using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Corpus.Dedup.Text;

namespace Corpus.Dedup.MinHash;

/// <summary>
/// MinHash signatures over word shingles of the folded text, and their LSH band keys.
/// Each shingle is hashed once to 32 bits; the permutations are 32-bit bijections (xor, odd multiply, xorshift,
/// odd multiply, xorshift) with per-permutation constants, computed eight at a time in one 256-bit vector. That is the
/// hot loop: for 112 permutations, 14 vector lanes-of-8 per shingle instead of 112 scalar hashes (seven 512-bit
/// vectors where the CPU has AVX-512).
/// One instance per thread (it owns scratch buffers).
/// </summary>
public sealed class MinHasher
{
    private const ulong Seed = 0x5DEECE66_2545F491UL; // fixed: signatures must be comparable across runs and machines

    private readonly MinHashParameters _p;
    private readonly int _vectors;
    private readonly Vector256<uint>[] _xor;
    private readonly Vector256<uint>[] _mul1;
    private readonly Vector256<uint>[] _mul2;
    private readonly Vector512<uint>[] _xor512;
    private readonly Vector512<uint>[] _mul1512;
    private readonly Vector512<uint>[] _mul2512;
    private char[] _folded = new char[4096];
    private int[] _wordStarts = new int[1024];
    private int[] _wordEnds = new int[1024];
    private ulong[] _wordHashes = new ulong[1024];
    private uint[] _shingles = new uint[1024];

    public MinHasher(MinHashParameters parameters)
    {
        _p = parameters;
        _vectors = (parameters.Permutations + 7) / 8;
        _xor = new Vector256<uint>[_vectors];
        _mul1 = new Vector256<uint>[_vectors];
        _mul2 = new Vector256<uint>[_vectors];
        var state = Seed;
        var a = new uint[8];
        var b = new uint[8];
        var c = new uint[8];
        for (var v = 0; v < _vectors; v++)
        {
            for (var lane = 0; lane < 8; lane++)
            {
                a[lane] = (uint)SplitMix(ref state);
                b[lane] = (uint)SplitMix(ref state) | 1u;
                c[lane] = (uint)SplitMix(ref state) | 1u;
            }
            _xor[v] = Vector256.Create(a);
            _mul1[v] = Vector256.Create(b);
            _mul2[v] = Vector256.Create(c);
        }
        // The same constants two lanes-of-8 to a 512-bit vector, for CPUs with AVX-512.
        _xor512 = Pairs(_xor);
        _mul1512 = Pairs(_mul1);
        _mul2512 = Pairs(_mul2);
    }

    private static Vector512<uint>[] Pairs(Vector256<uint>[] vectors) =>
        [.. Enumerable.Range(0, vectors.Length / 2).Select(w => Vector512.Create(vectors[2 * w], vectors[2 * w + 1]))];

    public MinHashParameters Parameters => _p;

    /// <summary>
    /// Writes the signature of <paramref name="text"/> into <paramref name="signature"/> (length ≥ permutations) and
    /// returns false when the text has no words (no signature: such documents are only compared exactly).
    /// </summary>
    public bool Sign(ReadOnlySpan<char> text, Span<uint> signature) => SignWords(Tokenize(text), signature);

    /// <summary>
    /// As <see cref="Sign"/>, for a text already folded (<see cref="TextFolding.Fold(ReadOnlySpan{char})"/>: words of
    /// folded characters joined by single spaces; a folded character is never a space).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool SignFolded(ReadOnlySpan<char> folded, Span<uint> signature)
    {
        if (folded.IsEmpty) return false;
        // Words are never empty and one space apart, so a text of n characters has at most n / 2 + 1 of them.
        if (_wordHashes.Length < folded.Length / 2 + 1) _wordHashes = new ulong[folded.Length + 2];
        var hashes = _wordHashes;
        var words = 0;
        var start = 0;
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(folded));
        var at = 0;
        // The spaces of sixteen characters at a time as a bit mask: one compare per chunk instead of a search per word.
        for (; at + 16 <= folded.Length; at += 16)
        {
            var spaces = Vector256.Equals(Vector256.LoadUnsafe(ref chars, (nuint)at), Vector256.Create((ushort)' ')).ExtractMostSignificantBits();
            for (; spaces != 0; spaces &= spaces - 1)
            {
                var end = at + BitOperations.TrailingZeroCount(spaces);
                hashes[words++] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(folded[start..end]));
                start = end + 1;
            }
        }
        for (; at < folded.Length; at++)
        {
            if (folded[at] != ' ') continue;
            hashes[words++] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(folded[start..at]));
            start = at + 1;
        }
        hashes[words++] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(folded[start..]));
        return SignWords(words, signature);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SignWords(int words, Span<uint> signature)
    {
        if (words == 0) return false;
        var n = _p.ShingleWords;
        var shingles = Math.Max(1, words - n + 1);
        var width = Math.Min(n, words); // a text shorter than one shingle is one shingle of all its words
        if (_shingles.Length < shingles) _shingles = new uint[shingles * 2];
        var hashes = _wordHashes;
        var xs = _shingles;
        for (var i = 0; i < shingles; i++)
        {
            var h = hashes[i];
            for (var k = 1; k < width; k++) h = BitOperations.RotateLeft(h, 23) ^ hashes[i + k];
            xs[i] = (uint)Mix(h);
        }
        // Permutations outermost: a pair of lanes-of-8 keeps its constants and minima in registers over every shingle.
        Span<Vector256<uint>> mins = stackalloc Vector256<uint>[_vectors];
        ref var x0 = ref MemoryMarshal.GetArrayDataReference(xs);
        var v = Avx512F.IsSupported ? Wide(shingles, ref x0, mins) : 0;
        for (; v + 1 < _vectors; v += 2)
        {
            var xorA = _xor[v]; var mulA1 = _mul1[v]; var mulA2 = _mul2[v];
            var xorB = _xor[v + 1]; var mulB1 = _mul1[v + 1]; var mulB2 = _mul2[v + 1];
            var minA = Vector256<uint>.AllBitsSet;
            var minB = Vector256<uint>.AllBitsSet;
            for (var i = 0; i < shingles; i++)
            {
                var x = Vector256.Create(Unsafe.Add(ref x0, i));
                minA = Vector256.Min(minA, Permute(x, xorA, mulA1, mulA2));
                minB = Vector256.Min(minB, Permute(x, xorB, mulB1, mulB2));
            }
            mins[v] = minA;
            mins[v + 1] = minB;
        }
        if (v < _vectors)
        {
            var min = Vector256<uint>.AllBitsSet;
            for (var i = 0; i < shingles; i++)
                min = Vector256.Min(min, Permute(Vector256.Create(Unsafe.Add(ref x0, i)), _xor[v], _mul1[v], _mul2[v]));
            mins[v] = min;
        }
        MemoryMarshal.Cast<Vector256<uint>, uint>(mins)[.._p.Permutations].CopyTo(signature);
        return true;
    }

    /// <summary>
    /// The minima of the first permutations (an even number of lanes-of-8) sixteen at a time, two 512-bit vectors per
    /// shingle: the same lanes, constants and minima as the 256-bit loop, in half the instructions where the CPU has
    /// AVX-512. Returns how many lanes-of-8 it filled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Wide(int shingles, ref uint x0, Span<Vector256<uint>> mins)
    {
        var wide = _vectors / 2;
        var w = 0;
        for (; w + 1 < wide; w += 2)
        {
            var xorA = _xor512[w]; var mulA1 = _mul1512[w]; var mulA2 = _mul2512[w];
            var xorB = _xor512[w + 1]; var mulB1 = _mul1512[w + 1]; var mulB2 = _mul2512[w + 1];
            var minA = Vector512<uint>.AllBitsSet;
            var minB = Vector512<uint>.AllBitsSet;
            for (var i = 0; i < shingles; i++)
            {
                var x = Vector512.Create(Unsafe.Add(ref x0, i));
                minA = Vector512.Min(minA, Permute(x, xorA, mulA1, mulA2));
                minB = Vector512.Min(minB, Permute(x, xorB, mulB1, mulB2));
            }
            Store(mins, w, minA);
            Store(mins, w + 1, minB);
        }
        if (w < wide)
        {
            var xor = _xor512[w]; var mul1 = _mul1512[w]; var mul2 = _mul2512[w];
            var min = Vector512<uint>.AllBitsSet;
            for (var i = 0; i < shingles; i++) min = Vector512.Min(min, Permute(Vector512.Create(Unsafe.Add(ref x0, i)), xor, mul1, mul2));
            Store(mins, w, min);
        }
        return wide * 2;

        static void Store(Span<Vector256<uint>> mins, int w, Vector512<uint> min)
        {
            mins[2 * w] = min.GetLower();
            mins[2 * w + 1] = min.GetUpper();
        }
    }

    /// <summary>The LSH key of band <paramref name="band"/>: a 64-bit hash of its rows, seeded by the band number.</summary>
    public ulong BandKey(ReadOnlySpan<uint> signature, int band) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(signature.Slice(band * _p.Rows, _p.Rows)), band);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Permute(Vector512<uint> x, Vector512<uint> xor, Vector512<uint> mul1, Vector512<uint> mul2)
    {
        var h = (x ^ xor) * mul1;
        h ^= Vector512.ShiftRightLogical(h, 16);
        h *= mul2;
        return h ^ Vector512.ShiftRightLogical(h, 15);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Permute(Vector256<uint> x, Vector256<uint> xor, Vector256<uint> mul1, Vector256<uint> mul2)
    {
        var h = (x ^ xor) * mul1;
        h ^= Vector256.ShiftRightLogical(h, 16);
        h *= mul2;
        return h ^ Vector256.ShiftRightLogical(h, 15);
    }

    /// <summary>Folds the text into words and hashes each; returns the word count.</summary>
    private int Tokenize(ReadOnlySpan<char> text)
    {
        if (_folded.Length < text.Length) _folded = new char[text.Length * 2];
        var folded = _folded;
        var length = 0;
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var f = TextFolding.Fold(c);
            if (f == TextFolding.Skip) continue;
            if (f == TextFolding.Separator)
            {
                if (inWord) { EndWord(words++, length); inWord = false; }
                continue;
            }
            if (!inWord) { StartWord(words, length); inWord = true; }
            folded[length++] = f;
        }
        if (inWord) EndWord(words++, length);
        for (var w = 0; w < words; w++)
            _wordHashes[w] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(folded.AsSpan(_wordStarts[w], _wordEnds[w] - _wordStarts[w])));
        return words;
    }

    private void StartWord(int word, int at)
    {
        if (word >= _wordStarts.Length)
        {
            Array.Resize(ref _wordStarts, word * 2);
            Array.Resize(ref _wordEnds, word * 2);
            Array.Resize(ref _wordHashes, word * 2);
        }
        _wordStarts[word] = at;
    }

    private void EndWord(int word, int at) => _wordEnds[word] = at;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);
}
