using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Corpus.Dedup.Text;

public sealed partial class FoldedDocument
{
    /// <summary>True where <see cref="FoldJsonString"/> runs (it needs AVX-512 VBMI2; elsewhere decode the text and <see cref="Fold(ReadOnlySpan{char})"/> it).</summary>
    public static bool FoldsJsonStrings => Avx512Vbmi2.IsSupported && Avx512BW.IsSupported;

    /// <summary>
    /// Folds the text a JSON string holds straight from its content's UTF-8 bytes (between the quotes; valid UTF-8
    /// whose escapes are the short ones, <c>\" \\ \/ \b \f \n \r \t</c>): the same fold, lines and lengths as
    /// <see cref="Fold(ReadOnlySpan{char})"/> of the unescaped text, without decoding it to UTF-16 first. Runs of ASCII
    /// bytes without a backslash go up to 32 at a time (widened, folded and packed as <see cref="FoldRun"/> does); an
    /// escape or a multi-byte character one at a time. Only where <see cref="FoldsJsonStrings"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FoldJsonString(ReadOnlySpan<byte> content)
    {
        if (!FoldsJsonStrings) throw new PlatformNotSupportedException("Folding JSON strings needs AVX-512 VBMI2.");
        // UTF-16 never takes more code units than UTF-8 takes bytes; room for a 32-character store past the end.
        if (_chars.Length < content.Length + 64) _chars = new char[content.Length * 2 + 64];
        ref var chars = ref MemoryMarshal.GetArrayDataReference(_chars);
        ref var table = ref MemoryMarshal.GetArrayDataReference(TextFolding.TableArray);
        ref var bytes = ref MemoryMarshal.GetReference(content);
        var count = content.Length;
        var length = 0;
        var pending = 0; // as in Fold: a space is owed before the next word character
        Lines = 0;
        _removedCount = 0;
        var line = 0;
        var lineBegin = 0; // the folded length when the line began
        var units = 0; // the line's length in UTF-16 code units so far
        var total = 0;
        var i = 0;
        while (true)
        {
            if (length > 0 && i + 32 <= count)
            {
                var b = Vector256.LoadUnsafe(ref bytes, (nuint)i);
                var stops = (Vector256.GreaterThanOrEqual(b, Vector256.Create((byte)0x80)) | Vector256.Equals(b, Vector256.Create((byte)'\\')))
                    .ExtractMostSignificantBits();
                var p = stops == 0 ? 32 : BitOperations.TrailingZeroCount(stops); // plain ASCII lanes before the first escape or multi-byte character
                if (p > 0)
                {
                    var v = Avx512BW.ConvertToVector512UInt16(b);
                    var lower = v | Vector512.Create((ushort)0x20);
                    var letter = Vector512.LessThanOrEqual(lower - Vector512.Create((ushort)'a'), Vector512.Create((ushort)25));
                    var digit = Vector512.LessThanOrEqual(v - Vector512.Create((ushort)'0'), Vector512.Create((ushort)9));
                    var folded = Vector512.ConditionalSelect(letter, lower, Vector512.ConditionalSelect(digit, Vector512.Create((ushort)'0'), Vector512.Create((ushort)' ')));
                    var lanes = Vector512.LessThan(Vector512<ushort>.Indices, Vector512.Create((ushort)p));
                    var wordLanes = (letter | digit) & lanes;
                    var next = i + p < count && IsWordAt(ref bytes, i + p, ref table);
                    var after = Vector512.ConditionalSelect(Vector512.Equals(Vector512<ushort>.Indices, Vector512.Create((ushort)(p - 1))),
                        next ? Vector512<ushort>.AllBitsSet : Vector512<ushort>.Zero, Avx512BW.PermuteVar32x16(wordLanes, NextLane));
                    var keepLanes = (wordLanes | after) & lanes;
                    var words = wordLanes.ExtractMostSignificantBits();
                    if (pending != 0 && (words & 1) != 0) Unsafe.Add(ref chars, length++) = ' ';
                    Avx512Vbmi2.Compress(Vector512<ushort>.Zero, keepLanes, folded).StoreUnsafe(ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref chars, length)));
                    length += BitOperations.PopCount(keepLanes.ExtractMostSignificantBits());
                    pending = (words & (1UL << (p - 1))) == 0 && !next ? 1 : 0;
                    i += p;
                    units += p;
                    continue;
                }
            }
            if (i >= count) break;
            var c = Unsafe.Add(ref bytes, i);
            char unit;
            if (c < 0x80)
            {
                if (c != (byte)'\\')
                {
                    unit = (char)c;
                    i++;
                }
                else
                {
                    var escaped = Unsafe.Add(ref bytes, i + 1);
                    i += 2;
                    if (escaped == (byte)'n')
                    {
                        EndLine(line, length > lineBegin ? lineBegin + (lineBegin > 0 ? 1 : 0) : -1, length);
                        _lineLengths[line++] = units;
                        total += units + 1;
                        units = 0;
                        lineBegin = length;
                        pending = length > 0 ? 1 : 0;
                        continue;
                    }
                    unit = Unescaped(escaped);
                }
            }
            else
            {
                var code = Decode(ref bytes, i, out var size);
                i += size;
                if (code >= 0x10000)
                {
                    // Two surrogates, each its own unit of the fold, as in the decoded text.
                    length = FoldUnit((char)(0xD7C0 + (code >> 10)), ref chars, ref table, length, ref pending);
                    units++;
                    unit = (char)(0xDC00 | (code & 0x3FF));
                }
                else unit = (char)code;
            }
            length = FoldUnit(unit, ref chars, ref table, length, ref pending);
            units++;
        }
        EndLine(line, length > lineBegin ? lineBegin + (lineBegin > 0 ? 1 : 0) : -1, length);
        _lineLengths[line] = units;
        _length = length;
        _textLength = total + units;
    }

    /// <summary>One UTF-16 unit folded as <see cref="FoldRun"/> folds a character on its own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FoldUnit(char unit, ref char chars, ref char table, int length, ref int pending)
    {
        var f = Unsafe.Add(ref table, unit);
        var word = f > TextFolding.Skip ? 1 : 0;
        Unsafe.Add(ref chars, length) = ' ';
        length += pending & word;
        Unsafe.Add(ref chars, length) = f;
        length += word;
        pending = (pending | ((f == TextFolding.Separator ? 1 : 0) & (length > 0 ? 1 : 0))) & (word ^ 1);
        return length;
    }

    /// <summary>Whether the unit at <paramref name="at"/> (an escape, an ASCII byte or a multi-byte character's first) is a word character.</summary>
    private static bool IsWordAt(ref byte bytes, int at, ref char table)
    {
        var c = Unsafe.Add(ref bytes, at);
        if (c == (byte)'\\') return false; // every short escape is a separator or a line break
        if (c < 0x80) return Unsafe.Add(ref table, c) > TextFolding.Skip;
        var code = Decode(ref bytes, at, out _);
        return code >= 0x10000 || Unsafe.Add(ref table, code) > TextFolding.Skip; // a high surrogate folds to itself
    }

    /// <summary>The code point of the valid multi-byte UTF-8 sequence at <paramref name="at"/>, and its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Decode(ref byte bytes, int at, out int size)
    {
        int c = Unsafe.Add(ref bytes, at);
        int b1 = Unsafe.Add(ref bytes, at + 1) & 0x3F;
        if (c < 0xE0)
        {
            size = 2;
            return ((c & 0x1F) << 6) | b1;
        }
        int b2 = Unsafe.Add(ref bytes, at + 2) & 0x3F;
        if (c < 0xF0)
        {
            size = 3;
            return ((c & 0x0F) << 12) | (b1 << 6) | b2;
        }
        size = 4;
        return ((c & 0x07) << 18) | (b1 << 12) | (b2 << 6) | (Unsafe.Add(ref bytes, at + 3) & 0x3F);
    }

    private static char Unescaped(byte escaped) => escaped switch
    {
        (byte)'b' => '\b',
        (byte)'f' => '\f',
        (byte)'r' => '\r',
        (byte)'t' => '\t',
        var c => (char)c, // " \ /
    };
}
