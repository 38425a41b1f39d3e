using System.Buffers;
using System.Runtime.CompilerServices;

namespace Corpus.Cleaning.Quality;

/// <summary>How a <see cref="KeyTable{TKeys}"/> hashes and compares its keys, which are positions (of a word, an n-gram, a line).</summary>
internal interface IKeys
{
    int Hash(int key);
    bool Equal(int a, int b);
}

/// <summary>
/// A hash set of positions with an int value per distinct key, compared through <typeparamref name="TKeys"/>: two
/// positions are one key when their words, n-grams or lines are equal. Open addressing over pooled arrays, so a
/// document's repetition checks allocate nothing; equality is exact (a hash only picks the slot).
/// </summary>
internal struct KeyTable<TKeys> : IDisposable where TKeys : struct, IKeys
{
    private readonly TKeys _keys;
    private int[] _slots;   // key + 1; 0 is empty
    private int[] _values;
    private readonly int _mask;

    public KeyTable(TKeys keys, int maxKeys)
    {
        _keys = keys;
        var size = 16;
        while (size < maxKeys * 2) size <<= 1;
        _mask = size - 1;
        _slots = ArrayPool<int>.Shared.Rent(size);
        _values = ArrayPool<int>.Shared.Rent(size);
        Array.Clear(_slots, 0, size);
    }

    public readonly int Size => _mask + 1;

    /// <summary>The value of <paramref name="key"/>'s entry, added with value 0 when it is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref int ValueOf(int key, out bool added)
    {
        var slot = _keys.Hash(key) & _mask;
        while (true)
        {
            var held = _slots[slot];
            if (held == 0)
            {
                _slots[slot] = key + 1;
                _values[slot] = 0;
                added = true;
                return ref _values[slot];
            }
            if (_keys.Equal(held - 1, key))
            {
                added = false;
                return ref _values[slot];
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The entry in slot <paramref name="slot"/> (0 ≤ slot &lt; <see cref="Size"/>): its first key and value, or false when empty.</summary>
    public readonly bool Entry(int slot, out int key, out int value)
    {
        key = _slots[slot] - 1;
        value = _values[slot];
        return key >= 0;
    }

    public void Dispose()
    {
        if (_slots is null) return;
        ArrayPool<int>.Shared.Return(_slots);
        ArrayPool<int>.Shared.Return(_values);
        _slots = null!;
        _values = null!;
    }
}
