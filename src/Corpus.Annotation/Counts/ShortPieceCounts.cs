using System.Buffers.Binary;

namespace Corpus.Annotation.Counts;

/// <summary>
/// Token counts of short ASCII pieces (up to <see cref="MaxLength"/> characters: " the", " pemerintah", ".\n"), each
/// packed with its count into 16 bytes of one open-addressing table. A lookup hashes two words and reads, mostly, one
/// cache line; a dictionary of strings reads three places (bucket, entry, the string) and holds 60–70 bytes per piece,
/// which on pages of many distinct words is where the counter's time went, and what it evicted of the other stages'
/// tables. Most pieces of Latin-script news are such pieces; the rest stay with the general cache.
/// <para>
/// The table starts small (a document's vocabulary), doubles up to its maximum size, and is emptied when full there.
/// </para>
/// </summary>
public sealed class ShortPieceCounts
{
    /// <summary>Pieces up to this many characters are packed: 15 bytes and a byte for length and count.</summary>
    public const int MaxLength = 15;
    private const int InitialSlots = 1 << 12;
    private const ulong KeyMask = 0x0FFF_FFFF_FFFF_FFFFUL; // the high word without the count's nibble

    private readonly int _maxSlots;
    // Slot s is _slots[2s] (bytes 0–7) and _slots[2s + 1] (bytes 8–14, then the length in bits 56–59 and the count in
    // bits 60–63). A piece is at least one character long, so an occupied slot's high word is never 0.
    private ulong[] _slots = new ulong[2 * InitialSlots];
    private int _used;

    /// <param name="maxSlots">The most pieces the table grows to hold, a power of two (it is emptied at three quarters of it).</param>
    public ShortPieceCounts(int maxSlots = 1 << 19)
    {
        if (maxSlots < InitialSlots || (maxSlots & (maxSlots - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(maxSlots), $"a power of two of at least {InitialSlots}");
        _maxSlots = maxSlots;
    }

    /// <summary>Pieces held.</summary>
    public int Count => _used;

    /// <summary>The piece's bytes as two words, when it is ASCII and short enough; the key for the other methods.</summary>
    public static bool TryPack(ReadOnlySpan<char> piece, out ulong low, out ulong high)
    {
        low = high = 0;
        if (piece.Length > MaxLength || piece.IsEmpty) return false;
        var i = 0;
        for (; i < piece.Length && i < 8; i++)
        {
            var c = piece[i];
            if (c >= 0x80) return false;
            low |= (ulong)c << (8 * i);
        }
        for (; i < piece.Length; i++)
        {
            var c = piece[i];
            if (c >= 0x80) return false;
            high |= (ulong)c << (8 * (i - 8));
        }
        high |= (ulong)piece.Length << 56;
        return true;
    }

    /// <summary>The packed piece's UTF-8 bytes (its ASCII characters) into <paramref name="destination"/> (16 bytes); returns their length.</summary>
    public static int Unpack(ulong low, ulong high, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], high);
        return (int)(high >> 56);
    }

    public bool TryGet(ulong low, ulong high, out int count)
    {
        var slots = _slots;
        var mask = (slots.Length >> 1) - 1;
        for (var s = Slot(low, high) & mask; ; s = (s + 1) & mask)
        {
            var h = slots[2 * s + 1];
            if (h == 0) { count = 0; return false; }
            if ((h & KeyMask) == high && slots[2 * s] == low) { count = (int)(h >> 60); return true; }
        }
    }

    /// <summary>Remembers a piece's count (0–15); the piece must not be held already.</summary>
    public void Add(ulong low, ulong high, int count)
    {
        var slotCount = _slots.Length >> 1;
        if ((_used + 1) * 4L > slotCount * 3L)
        {
            if (slotCount < _maxSlots) Resize(slotCount * 2);
            else { Array.Clear(_slots); _used = 0; }
        }
        Insert(_slots, low, high | ((ulong)count << 60));
        _used++;
    }

    private void Resize(int slotCount)
    {
        var old = _slots;
        var slots = new ulong[2 * slotCount];
        for (var s = 0; s < old.Length; s += 2)
            if (old[s + 1] != 0) Insert(slots, old[s], old[s + 1]);
        _slots = slots;
    }

    private static void Insert(ulong[] slots, ulong low, ulong high)
    {
        var mask = (slots.Length >> 1) - 1;
        var s = Slot(low, high & KeyMask) & mask;
        while (slots[2 * s + 1] != 0) s = (s + 1) & mask;
        slots[2 * s] = low;
        slots[2 * s + 1] = high;
    }

    // Two multiplications mix both words; the high half is taken, where the mixing is best.
    private static int Slot(ulong low, ulong high) => (int)((((low * 0x9E3779B97F4A7C15UL) ^ high) * 0xC2B2AE3D27D4EB4FUL) >> 32);
}
