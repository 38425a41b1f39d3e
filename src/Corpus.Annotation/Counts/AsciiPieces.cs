using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Corpus.Annotation.Counts;

/// <summary>
/// The o200k piece at a position, read from one load of the next <see cref="Width"/> characters, for the piece that
/// is most of Latin-script news: a word of ASCII letters with its leading space or mark (" the", "Kementerian", "(UU").
/// In ASCII the pattern's "upper" and "lower" classes are A–Z and a–z, which do not overlap, so its two word
/// alternatives reduce to: an optional prefix, a run of capitals, a run of small letters, at least one letter, then
/// the contraction. The same load packs the piece into <see cref="ShortPieceCounts"/>' key, so its characters are not
/// read again one by one.
/// </summary>
internal static class AsciiPieces
{
    /// <summary>Characters read per load; a piece found here ends before the last of them.</summary>
    public const int Width = 16;

    /// <summary>Whether 256-bit vectors run in hardware; where .NET emulates them, the characters are read one by one instead.</summary>
    public static bool Fast => Vector256.IsHardwareAccelerated;

    public static Vector256<ushort> Load(ReadOnlySpan<char> text, int i) =>
        Vector256.LoadUnsafe(ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text)), (nuint)i);

    /// <summary>
    /// The end of the word piece starting at <paramref name="i"/> (<paramref name="chars"/> holds text[i..i + 16]),
    /// or 0 when the piece is not such a word or a character that decides it is not ASCII (the general scanner then
    /// reads it).
    /// </summary>
    public static int Word(Vector256<ushort> chars, ReadOnlySpan<char> text, int i)
    {
        var lower = Vector256.LessThan(chars - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26)).ExtractMostSignificantBits();
        var upper = Vector256.LessThan(chars - Vector256.Create((ushort)'A'), Vector256.Create((ushort)26)).ExtractMostSignificantBits();
        int p;
        if (((lower | upper) & 1) != 0) p = 0;
        // The prefix: one ASCII character that is no letter, digit, CR or LF, before a letter.
        else if (((lower | upper) & 2) != 0 && text[i] is < (char)0x80 and not ('\r' or '\n') && !char.IsAsciiDigit(text[i])) p = 1;
        else return 0;
        var u = BitOperations.TrailingZeroCount(~upper >> p);
        var e = p + u + BitOperations.TrailingZeroCount(~lower >> (p + u));
        // The run may go on past the load, or stop at a character outside ASCII that may be a letter or mark.
        if (e >= Width || text[i + e] >= 0x80) return 0;
        if (text[i + e] == '\'') return O200kPieces.Contraction(text, i + e);
        return i + e;
    }

    /// <summary>
    /// The piece of <paramref name="length"/> characters at the start of <paramref name="chars"/> as
    /// <see cref="ShortPieceCounts.TryPack"/> packs it, when it is short enough and all ASCII.
    /// </summary>
    public static bool TryPack(Vector256<ushort> chars, int length, out ulong low, out ulong high)
    {
        var all = (1u << length) - 1;
        if (length > ShortPieceCounts.MaxLength || (Vector256.LessThan(chars, Vector256.Create((ushort)0x80)).ExtractMostSignificantBits() & all) != all)
        {
            low = high = 0;
            return false;
        }
        var bytes = Vector128.Narrow(chars.GetLower(), chars.GetUpper())
            & Vector128.LessThan(Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector128.Create((byte)length));
        low = bytes.AsUInt64().GetElement(0);
        high = bytes.AsUInt64().GetElement(1) | ((ulong)length << 56);
        return true;
    }
}
