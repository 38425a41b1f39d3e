using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Numerics;

namespace Corpus.Dedup.Text;

/// <summary>
/// One document's text folded once (<see cref="TextFolding"/>): the folded words joined by single spaces, and per line
/// (the text split at <c>\n</c>) the range of its own words, which is exactly that line folded alone. So the line keys,
/// the exact key and the MinHash words of the text with some lines removed all come from one pass over the text.
/// Reusable: one instance per task.
/// </summary>
public sealed partial class FoldedDocument
{
    private char[] _chars = new char[4096];
    private char[] _kept = new char[4096];
    private int _length;
    private int[] _starts = new int[256];
    private int[] _ends = new int[256];
    private bool[] _removed = new bool[256];
    private int[] _lineLengths = new int[256]; // each line's length in the original text
    private int _textLength;
    private int _removedCount;

    public int Lines { get; private set; }

    public void Fold(string text) => Fold(text.AsSpan());

    /// <summary>Folds <paramref name="text"/> (a span: the JSON Lines reader decodes the text into a pooled buffer, no string).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fold(ReadOnlySpan<char> text)
    {
        if (_chars.Length < text.Length + 16) _chars = new char[text.Length * 2 + 16]; // room for an 8-character store past the end
        ref var chars = ref MemoryMarshal.GetArrayDataReference(_chars);
        ref var table = ref MemoryMarshal.GetArrayDataReference(TextFolding.TableArray);
        var length = 0;
        var pending = 0; // 1: a separator came after the last word character, so a space goes before the next one
        Lines = 0;
        _removedCount = 0;
        var lineBegin = 0;
        for (var line = 0; ; line++)
        {
            var rest = text[lineBegin..];
            var end = rest.IndexOf('\n');
            var lineLength = end < 0 ? rest.Length : end;
            var before = length;
            length = FoldRun(ref MemoryMarshal.GetReference(rest), lineLength, ref chars, ref table, length, ref pending);
            // The line's first word character comes right after the space that separates it from earlier lines' words.
            EndLine(line, length > before ? before + (before > 0 ? 1 : 0) : -1, length);
            _lineLengths[line] = lineLength;
            if (end < 0) break;
            lineBegin += lineLength + 1;
            pending = length > 0 ? 1 : 0;
        }
        _length = length;
        _textLength = text.Length;
    }

    /// <summary>
    /// Folds <paramref name="count"/> characters (no line break among them) onto <paramref name="chars"/> at
    /// <paramref name="length"/>; returns the new length. Once a word is out, eight ASCII characters at a time: each is
    /// folded in a vector (letters lower-cased, digits to 0, anything else a separator), the word characters and each
    /// separator right before a word character (as the space) are kept, and the kept ones are packed together with one
    /// byte shuffle; where the CPU has AVX-512 VBMI2, 32 at a time the same way, packed with one compress. Other
    /// characters go one at a time, without branches on the character's class (word boundaries
    /// come too irregularly to predict): the space and the character are stored unconditionally and kept by advancing
    /// the length, or not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FoldRun(ref char text, int count, ref char chars, ref char table, int length, ref int pendingSpace)
    {
        var pending = pendingSpace;
        var i = 0;
        while (i < count)
        {
            if (Avx512Vbmi2.IsSupported && Avx512BW.IsSupported && length > 0 && i + 32 <= count)
            {
                var v = Vector512.LoadUnsafe(ref Unsafe.As<char, ushort>(ref text), (nuint)i);
                if ((v & Vector512.Create((ushort)0xFF80)) == Vector512<ushort>.Zero)
                {
                    // As the eight-character step below, 32 at a time: the kept ones packed with one compress.
                    var lower = v | Vector512.Create((ushort)0x20);
                    var letter = Vector512.LessThanOrEqual(lower - Vector512.Create((ushort)'a'), Vector512.Create((ushort)25));
                    var digit = Vector512.LessThanOrEqual(v - Vector512.Create((ushort)'0'), Vector512.Create((ushort)9));
                    var folded = Vector512.ConditionalSelect(letter, lower, Vector512.ConditionalSelect(digit, Vector512.Create((ushort)'0'), Vector512.Create((ushort)' ')));
                    var wordLanes = letter | digit;
                    var next = i + 32 < count && Unsafe.Add(ref table, Unsafe.Add(ref text, i + 32)) > TextFolding.Skip;
                    // Each lane's right neighbour is a word character (the last lane's is the character after the block).
                    var after = Vector512.ConditionalSelect(LastLane, next ? Vector512<ushort>.AllBitsSet : Vector512<ushort>.Zero,
                        Avx512BW.PermuteVar32x16(wordLanes, NextLane));
                    var keepLanes = wordLanes | after; // an ASCII character is a word character or a separator, never a mark
                    var words = wordLanes.ExtractMostSignificantBits();
                    if (pending != 0 && (words & 1) != 0) Unsafe.Add(ref chars, length++) = ' ';
                    Avx512Vbmi2.Compress(Vector512<ushort>.Zero, keepLanes, folded).StoreUnsafe(ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref chars, length)));
                    length += BitOperations.PopCount(keepLanes.ExtractMostSignificantBits());
                    pending = (words & 0x8000_0000) == 0 && !next ? 1 : 0;
                    i += 32;
                    continue;
                }
            }
            if (Ssse3.IsSupported && length > 0 && i + 8 <= count)
            {
                var v = Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref text), (nuint)i);
                if ((v & Vector128.Create((ushort)0xFF80)) == Vector128<ushort>.Zero)
                {
                    var lower = v | Vector128.Create((ushort)0x20);
                    var letter = Vector128.LessThanOrEqual(lower - Vector128.Create((ushort)'a'), Vector128.Create((ushort)25));
                    var digit = Vector128.LessThanOrEqual(v - Vector128.Create((ushort)'0'), Vector128.Create((ushort)9));
                    var folded = Vector128.ConditionalSelect(letter, lower, Vector128.ConditionalSelect(digit, Vector128.Create((ushort)'0'), Vector128.Create((ushort)' ')));
                    var words = (letter | digit).ExtractMostSignificantBits();
                    var next = i + 8 < count && Unsafe.Add(ref table, Unsafe.Add(ref text, i + 8)) > TextFolding.Skip ? 1u : 0u;
                    var keep = (words | (words >> 1) | (next << 7)) & 0xFF; // a word character, or the separator just before one
                    if (pending != 0 && (words & 1) != 0) Unsafe.Add(ref chars, length++) = ' ';
                    var packed = Ssse3.Shuffle(folded.AsByte(), Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(Pack), (nuint)keep * 16));
                    packed.StoreUnsafe(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref chars, length)));
                    length += BitOperations.PopCount(keep);
                    // A separator last, with no word character after it yet: the space is still owed.
                    pending = (words & 0x80) == 0 && next == 0 ? 1 : 0;
                    i += 8;
                    continue;
                }
            }
            length = FoldUnit(Unsafe.Add(ref text, i), ref chars, ref table, length, ref pending);
            i++;
        }
        pendingSpace = pending;
        return length;
    }

    /// <summary>Lane i holds i + 1 (the last lane itself): a block's word lanes moved down one lane.</summary>
    private static readonly Vector512<ushort> NextLane = Vector512.Create(
        (ushort)1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 31);

    /// <summary>All bits set in the last of 32 lanes only.</summary>
    private static readonly Vector512<ushort> LastLane = Vector512.Create(
        (ushort)0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFFFF);

    /// <summary>For each mask of eight kept characters, the byte shuffle that packs them to the front (16 bytes a mask).</summary>
    private static readonly byte[] Pack = BuildPack();

    private static byte[] BuildPack()
    {
        var pack = new byte[256 * 16];
        for (var mask = 0; mask < 256; mask++)
        {
            var at = 0;
            for (var lane = 0; lane < 8; lane++)
            {
                if ((mask & (1 << lane)) == 0) continue;
                pack[mask * 16 + at++] = (byte)(lane * 2);
                pack[mask * 16 + at++] = (byte)(lane * 2 + 1);
            }
            for (; at < 16; at++) pack[mask * 16 + at] = 0x80;
        }
        return pack;
    }

    private void EndLine(int line, int start, int end)
    {
        if (line >= _starts.Length)
        {
            Array.Resize(ref _starts, line * 2);
            Array.Resize(ref _ends, line * 2);
            Array.Resize(ref _removed, line * 2);
            Array.Resize(ref _lineLengths, line * 2);
        }
        _starts[line] = start < 0 ? 0 : start;
        _ends[line] = start < 0 ? 0 : end;
        _removed[line] = false;
        Lines = line + 1;
    }

    /// <summary>Line <paramref name="line"/> folded, as <see cref="TextFolding.Fold(ReadOnlySpan{char})"/> of that line alone.</summary>
    public ReadOnlySpan<char> Line(int line) => _chars.AsSpan(_starts[line], _ends[line] - _starts[line]);

    /// <summary>The line's key (<see cref="Lines.LineKeys"/>), or null when it folds to nothing.</summary>
    public UInt128? Key(int line)
    {
        var folded = Line(line);
        return folded.IsEmpty ? null : Hashes.Of(folded);
    }

    public void Remove(int line)
    {
        if (!_removed[line]) _removedCount++;
        _removed[line] = true;
    }

    /// <summary>How many lines <see cref="Remove"/> marked.</summary>
    public int RemovedCount => _removedCount;

    /// <summary>Whether <see cref="Remove"/> marked the line.</summary>
    public bool IsRemoved(int line) => _removed[line];

    public void KeepAll()
    {
        Array.Clear(_removed, 0, Lines);
        _removedCount = 0;
    }

    /// <summary>
    /// The length of the original text without the removed lines, joined by <c>\n</c> and trimmed of <c>\n</c> at both
    /// ends (the cleaned text's length), from the line lengths alone.
    /// </summary>
    public int KeptTextLength() =>
        _removedCount == 0 ? _textLength : KeptTextLength(_lineLengths.AsSpan(0, Lines), _removed.AsSpan(0, Lines));

    /// <summary>The original text's length in characters.</summary>
    public int TextLength => _textLength;

    /// <summary>Line <paramref name="line"/>'s length in the original text.</summary>
    public int LineLength(int line) => _lineLengths[line];

    /// <summary>As <see cref="KeptTextLength()"/>, from each line's length and whether it is removed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int KeptTextLength(ReadOnlySpan<int> lineLengths, ReadOnlySpan<bool> removed)
    {
        int total = 0, kept = 0, leading = 0, trailing = 0;
        var content = false;
        for (var line = 0; line < lineLengths.Length; line++)
        {
            if (removed[line]) continue;
            var length = lineLengths[line];
            total += length;
            kept++;
            if (length == 0) { if (content) trailing++; else leading++; }
            else { content = true; trailing = 0; }
        }
        if (!content) return 0;
        // Each empty kept line before the first or after the last non-empty one leaves one separator that the trim takes.
        return total + kept - 1 - leading - trailing;
    }

    /// <summary>The folded text without the removed lines: what <see cref="TextFolding.Fold(ReadOnlySpan{char})"/> gives for the cleaned text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> Kept()
    {
        if (_removedCount == 0) return _chars.AsSpan(0, _length);
        // Kept lines with words and no removed one among them (say only a closing line goes) are already joined by
        // single spaces in the fold: the kept text is one range of it, no copy.
        int first = -1, last = -1;
        bool removedSince = false, split = false;
        for (var line = 0; line < Lines; line++)
        {
            if (_ends[line] == _starts[line]) continue; // no words: nothing to keep or to split on
            if (_removed[line]) { removedSince |= first >= 0; continue; }
            if (first < 0) first = line;
            else if (removedSince) { split = true; break; }
            last = line;
        }
        if (first < 0) return [];
        if (!split) return _chars.AsSpan(_starts[first], _ends[last] - _starts[first]);
        if (_kept.Length < _length) _kept = new char[_chars.Length];
        var length = 0;
        for (var line = 0; line < Lines; line++)
        {
            if (_removed[line]) continue;
            var words = Line(line);
            if (words.IsEmpty) continue;
            if (length > 0) _kept[length++] = ' ';
            words.CopyTo(_kept.AsSpan(length));
            length += words.Length;
        }
        return _kept.AsSpan(0, length);
    }
}
