using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Corpus.Annotation.Topics;

/// <summary>
/// The sum of a word's character n-gram rows in one <see cref="TopicWeights"/> table, kept per word so that a word met
/// again (an article repeats its words, and every text the common ones) adds one row instead of hashing and reading each
/// n-gram's. The sums are integers, so a kept word adds exactly what its n-grams would: the scores do not depend on what
/// the cache holds. One direct-mapped slot per word hash, the last word to arrive keeping it; per thread.
/// </summary>
internal sealed class WordGramCache
{
    private const int SlotBits = 13;
    private const int Slots = 1 << SlotBits;
    /// <summary>Longer words are not kept: a slot (its sums, its word and its key) then fits one 64-byte cache line.</summary>
    public const int MaxWord = 12;

    private readonly Slot[] _slots = new Slot[Slots];

    [ThreadStatic] private static WordGramCache? _current;

    private WordGramCache(object owner) => Owner = owner;

    private object Owner { get; set; }

    /// <summary>This thread's cache for <paramref name="owner"/>'s table, emptied when the thread last scored with another table.</summary>
    public static WordGramCache For(object owner)
    {
        var cache = _current ??= new WordGramCache(owner);
        if (!ReferenceEquals(cache.Owner, owner))
        {
            Array.Clear(cache._slots);
            cache.Owner = owner;
        }
        return cache;
    }

    /// <summary>
    /// The slot of <paramref name="word"/> (lower-cased, its hash mixed as for its unigram's bucket, whose low bits the
    /// top ones here do not repeat), or -1 for a word too long to keep.
    /// </summary>
    public static int SlotOf(ReadOnlySpan<char> word, uint hash) => word.Length > MaxWord ? -1 : (int)(hash >> (32 - SlotBits));

    /// <summary>How many look-ups found their word (what the cache saved).</summary>
    public long Hits { get; private set; }

    /// <summary>Whether <paramref name="slot"/> holds <paramref name="word"/>, and if so its n-gram rows' sum and count.</summary>
    public bool TryGet(int slot, ReadOnlySpan<char> word, uint hash, out Vector128<int> low, out Vector128<int> high, out int count)
    {
        ref var s = ref _slots[slot];
        if (s.Length == word.Length && s.Hash == hash && word.SequenceEqual(((ReadOnlySpan<char>)s.Word)[..word.Length]))
        {
            (low, high, count) = (s.Low, s.High, s.Count);
            Hits++;
            return true;
        }
        (low, high, count) = (default, default, 0);
        return false;
    }

    public void Put(int slot, ReadOnlySpan<char> word, uint hash, Vector128<int> low, Vector128<int> high, int count)
    {
        ref var s = ref _slots[slot];
        word.CopyTo(s.Word);
        (s.Low, s.High, s.Hash, s.Count, s.Length) = (low, high, hash, (ushort)count, (byte)word.Length);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public Vector128<int> Low, High;
        public uint Hash;
        public ushort Count;
        public byte Length;
        public Chars Word;
    }

    [InlineArray(MaxWord)]
    private struct Chars
    {
        private char _first;
    }
}
