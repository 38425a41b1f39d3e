using System.Runtime.CompilerServices;

namespace Corpus.Dedup.Lines;

/// <summary>
/// How many documents of a host contained a line, as far as one task's stream has seen them: the line stage's guess of
/// which lines the repeated-lines stage will find, so it can sign each document once, with those lines out, while it
/// reads it. A line counted here at <c>K</c> or more is repeated for certain (the whole corpus holds at least as many); a
/// line below it may still turn out repeated, and the signature stage signs those documents again. Memory is fixed:
/// when the table fills, the lines seen least are forgotten (a guess less, never a wrong verdict).
/// </summary>
internal sealed class LineTally
{
    private const int Capacity = 1 << 16; // 768 KB of fingerprints and counts: small enough to stay in cache
    private ulong[] _keys = new ulong[Capacity];
    private int[] _counts = new int[Capacity];
    private int _used;

    /// <summary>Counts one more document of <paramref name="host"/> holding the line; returns its count so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Add(ulong host, UInt128 line)
    {
        var fingerprint = Fingerprint(host, line);
        var slot = Find(fingerprint);
        if (_keys[slot] == fingerprint) return ++_counts[slot];
        if (_used >= Capacity / 4 * 3)
        {
            Forget();
            slot = Find(fingerprint);
        }
        _keys[slot] = fingerprint;
        _counts[slot] = 1;
        _used++;
        return 1;
    }

    /// <summary>The documents of <paramref name="host"/> counted holding the line (0 when unseen or forgotten).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Count(ulong host, UInt128 line)
    {
        var fingerprint = Fingerprint(host, line);
        var slot = Find(fingerprint);
        return _keys[slot] == fingerprint ? _counts[slot] : 0;
    }

    private static ulong Fingerprint(ulong host, UInt128 line) => ((ulong)line ^ host * 0x9E3779B97F4A7C15UL) | 1; // 0 marks an empty slot

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ulong fingerprint)
    {
        var slot = (int)(fingerprint >> 40) & (Capacity - 1);
        while (_keys[slot] != 0 && _keys[slot] != fingerprint) slot = (slot + 1) & (Capacity - 1);
        return slot;
    }

    /// <summary>Keeps the lines counted at least twice (more, until at most half the table is kept).</summary>
    private void Forget()
    {
        var keys = _keys;
        var counts = _counts;
        for (var least = 2; ; least *= 2)
        {
            _keys = new ulong[Capacity];
            _counts = new int[Capacity];
            _used = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] == 0 || counts[i] < least) continue;
                var slot = Find(keys[i]);
                _keys[slot] = keys[i];
                _counts[slot] = counts[i];
                _used++;
            }
            if (_used <= Capacity / 2) return;
        }
    }
}
