using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;

namespace Corpus.Dedup.Jsonl;

/// <summary>
/// The filter's output line copied from the input line's bytes, with the dedup fields set and the removed lines cut
/// out of the text's escaped bytes, when the input line is already in the form <see cref="JsonlFilter.TryWrite"/>'s
/// writer gives: no whitespace between tokens, unique unescaped top-level names, strings whose plain stretches the
/// encoder leaves alone and whose escapes are the encoder's own (<c>\" \\ \n \r \t</c>). Such a line's rewrite is the
/// line itself, so copying it gives the same bytes without decoding and re-encoding every string. Any other line
/// (a <c>\u</c> escape, a character the encoder escapes, whitespace, …) returns false with nothing appended, and takes
/// the token-by-token way.
/// </summary>
public static class RawLineCopy
{
    /// <summary>
    /// Where a string scan stops: the quote, the backslash, every byte the encoder escapes on its own (controls and
    /// whatever else in ASCII it escapes) and every byte of a multi-byte character (looked up in <see cref="Escaped"/>).
    /// </summary>
    private static readonly bool[] Stops = [.. Enumerable.Range(0, 256)
        .Select(b => b is '"' or '\\' || b >= 0x80 || JsonlDedupOutput.WriterOptions.Encoder!.WillEncode(b))];

    /// <summary>
    /// Whether every stop is a quote, a backslash, a control or outside printable ASCII, as with the relaxed encoder the
    /// output is written with: then <see cref="NextStop"/> finds them 32 bytes per compare.
    /// </summary>
    private static readonly bool StopsAreVectorised = Enumerable.Range(0x20, 0x7F - 0x20).All(b => !Stops[b] || b is '"' or '\\');

    private static readonly SearchValues<byte> StringStops = SearchValues.Create([.. Enumerable.Range(0, 256).Where(b => Stops[b]).Select(b => (byte)b)]);

    /// <summary>Whether the encoder escapes each character of the Basic Multilingual Plane (its own answer, asked once).</summary>
    private static readonly bool[] Escaped = Enumerable.Range(0, 65536)
        .Select(c => char.IsSurrogate((char)c) || JsonlDedupOutput.WriterOptions.Encoder!.WillEncode(c)).ToArray();

    private const int MaxDepth = 32; // deeper values take the token way (the reader allows 64)

    [ThreadStatic] private static Utf8JsonWriter? _json;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryWrite(ReadOnlySpan<byte> line, ReadOnlySpan<int> removed, string? duplicateOf, string? cluster, DedupOptions options,
        ArrayBufferWriter<byte> buffer)
    {
        var mark = buffer.WrittenCount;
        // No UTF-8 check of the whole line first: outside strings only ASCII is taken, and inside them every multi-byte
        // character is decoded (StringEnd), so a line that is not UTF-8 fails there and takes the token way, which checks.
        if (line.Length < 2 || line[0] != (byte)'{' || line[1] == (byte)'}') return false;
        Span<ulong> names = stackalloc ulong[64];
        var count = 0;
        bool id = false, text = false, removedCount = false, duplicate = false, clustered = false;
        buffer.Write("{"u8);
        var at = 1;
        while (true)
        {
            var member = at;
            if (line[at] != (byte)'"') return Fail();
            var nameEnd = StringEnd(line, at + 1, out var escaped);
            if (nameEnd < 0 || escaped || count == names.Length) return Fail();
            var name = line[(at + 1)..nameEnd];
            var hash = XxHash3.HashToUInt64(name);
            if (names[..count].Contains(hash)) return Fail();
            names[count++] = hash;
            at = nameEnd + 1;
            if (at >= line.Length || line[at] != (byte)':') return Fail();
            at++;
            var valueStart = at;
            var valueEnd = ValueEnd(line, at, 1);
            if (valueEnd < 0 || valueEnd >= line.Length) return Fail();
            var value = line[valueStart..valueEnd];
            if (count > 1) buffer.Write(","u8);
            buffer.Write(line[member..valueStart]); // "name":
            if (name.SequenceEqual("text"u8))
            {
                if (value[0] != (byte)'"') return Fail();
                text = true;
                if (options.RepeatedLines && !removed.IsEmpty) WriteCut(value[1..^1], removed, buffer);
                else buffer.Write(value);
            }
            else if (name.SequenceEqual("id"u8) || name.SequenceEqual("url"u8) || name.SequenceEqual("domain"u8) || name.SequenceEqual("published"u8))
            {
                // The fields dedup reads must be strings (or null but for id), as the token way has them.
                if (value[0] == (byte)'"') id |= name[0] == (byte)'i';
                else if (!value.SequenceEqual("null"u8) || name[0] == (byte)'i') return Fail();
                buffer.Write(value);
            }
            else if (options.RepeatedLines && name.SequenceEqual("repeated_lines_removed"u8)) { Number(removed.Length, buffer); removedCount = true; }
            else if (name.SequenceEqual("duplicate_of"u8)) { StringOrNull(duplicateOf, buffer); duplicate = true; }
            else if (name.SequenceEqual("dup_cluster"u8)) { StringOrNull(cluster, buffer); clustered = true; }
            else buffer.Write(value);
            at = valueEnd;
            if (line[at] == (byte)',') { at++; if (at >= line.Length) return Fail(); continue; }
            if (line[at] == (byte)'}' && at == line.Length - 1) break;
            return Fail();
        }
        if (!id || !text) return Fail();
        if (options.RepeatedLines && !removedCount) { buffer.Write(",\"repeated_lines_removed\":"u8); Number(removed.Length, buffer); }
        if (!duplicate) { buffer.Write(",\"duplicate_of\":"u8); StringOrNull(duplicateOf, buffer); }
        if (!clustered) { buffer.Write(",\"dup_cluster\":"u8); StringOrNull(cluster, buffer); }
        buffer.Write("}\n"u8);
        return true;

        bool Fail()
        {
            JsonlDedupOutput.Truncate(buffer, mark);
            return false;
        }
    }

    /// <summary>The end (exclusive) of the value starting at <paramref name="at"/>, or -1 when it is not in the writer's form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ValueEnd(ReadOnlySpan<byte> line, int at, int depth)
    {
        if (at >= line.Length) return -1;
        switch (line[at])
        {
            case (byte)'"':
                var end = StringEnd(line, at + 1, out _);
                return end < 0 ? -1 : end + 1;
            case (byte)'{':
            case (byte)'[':
            {
                if (depth >= MaxDepth) return -1;
                var close = line[at] == (byte)'{' ? (byte)'}' : (byte)']';
                var isObject = close == (byte)'}';
                at++;
                if (at < line.Length && line[at] == close) return at + 1;
                while (true)
                {
                    if (isObject)
                    {
                        if (at >= line.Length || line[at] != (byte)'"') return -1;
                        var nameEnd = StringEnd(line, at + 1, out _);
                        if (nameEnd < 0 || nameEnd + 1 >= line.Length || line[nameEnd + 1] != (byte)':') return -1;
                        at = nameEnd + 2;
                    }
                    at = ValueEnd(line, at, depth + 1);
                    if (at < 0 || at >= line.Length) return -1;
                    if (line[at] == (byte)',') { at++; continue; }
                    return line[at] == close ? at + 1 : -1;
                }
            }
            case (byte)'t': return line[at..].StartsWith("true"u8) ? at + 4 : -1;
            case (byte)'f': return line[at..].StartsWith("false"u8) ? at + 5 : -1;
            case (byte)'n': return line[at..].StartsWith("null"u8) ? at + 4 : -1;
            default: return NumberEnd(line, at);
        }
    }

    /// <summary>A JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>; the token way copies numbers as written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NumberEnd(ReadOnlySpan<byte> line, int at)
    {
        if (at < line.Length && line[at] == (byte)'-') at++;
        if (at >= line.Length || !char.IsAsciiDigit((char)line[at])) return -1;
        if (line[at] == (byte)'0') at++;
        else at = Digits(line, at);
        if (at < line.Length && line[at] == (byte)'.')
        {
            var start = ++at;
            at = Digits(line, at);
            if (at == start) return -1;
        }
        if (at < line.Length && (line[at] | 0x20) == (byte)'e')
        {
            at++;
            if (at < line.Length && line[at] is (byte)'+' or (byte)'-') at++;
            var start = at;
            at = Digits(line, at);
            if (at == start) return -1;
        }
        return at;
    }

    private static int Digits(ReadOnlySpan<byte> line, int at)
    {
        while (at < line.Length && char.IsAsciiDigit((char)line[at])) at++;
        return at;
    }

    /// <summary>
    /// The first stop in <paramref name="text"/>, or -1. Its own loop rather than <c>IndexOfAny</c> over search values:
    /// that one's generic core is not precompiled and runs unoptimised for much of a run, and the scan stops often (at
    /// every escape and every accented letter).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextStop(ReadOnlySpan<byte> text)
    {
        if (!StopsAreVectorised || !Vector256.IsHardwareAccelerated) return text.IndexOfAny(StringStops);
        ref var start = ref MemoryMarshal.GetReference(text);
        var at = 0;
        for (; at + Vector256<byte>.Count <= text.Length; at += Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)at);
            // Candidates: every stop, and DEL when the encoder leaves it; the table decides.
            var candidates = Vector256.LessThan(v, Vector256.Create((byte)0x20)) | Vector256.GreaterThan(v, Vector256.Create((byte)0x7E))
                | Vector256.Equals(v, Vector256.Create((byte)'"')) | Vector256.Equals(v, Vector256.Create((byte)'\\'));
            for (var mask = candidates.ExtractMostSignificantBits(); mask != 0; mask &= mask - 1)
            {
                var found = at + BitOperations.TrailingZeroCount(mask);
                if (Stops[Unsafe.Add(ref start, found)]) return found;
            }
        }
        for (; at < text.Length; at++)
            if (Stops[Unsafe.Add(ref start, at)]) return at;
        return -1;
    }

    /// <summary>
    /// The index of the closing quote of the string whose content starts at <paramref name="from"/>, or -1 when the
    /// string is not as the writer writes it (an escape other than <c>\" \\ \n \r \t</c>, or a plain stretch holding a
    /// character the encoder escapes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StringEnd(ReadOnlySpan<byte> line, int from, out bool escaped)
    {
        escaped = false;
        var at = from;
        while (true)
        {
            var next = NextStop(line[at..]);
            if (next < 0) return -1;
            at += next;
            var b = line[at];
            if (b == (byte)'"') return at;
            if (b >= 0x80)
            {
                // A multi-byte character, decoded (which checks it is UTF-8): the encoder's answer for it.
                if (Rune.DecodeFromUtf8(line[at..], out var rune, out var size) != OperationStatus.Done) return -1;
                if (rune.IsBmp ? Escaped[rune.Value] : JsonlDedupOutput.WriterOptions.Encoder!.WillEncode(rune.Value)) return -1;
                at += size;
                continue;
            }
            if (b != (byte)'\\' || at + 1 >= line.Length) return -1; // a byte the encoder escapes
            if (line[at + 1] is not ((byte)'"' or (byte)'\\' or (byte)'n' or (byte)'r' or (byte)'t')) return -1;
            escaped = true;
            at += 2;
        }
    }

    /// <summary>
    /// The text without the removed lines, in its escaped form: lines end at <c>\n</c> escapes; kept lines are joined by
    /// <c>\n</c>, empty ones at either end dropped (the decoded text's newline trim).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteCut(ReadOnlySpan<byte> content, ReadOnlySpan<int> removed, ArrayBufferWriter<byte> buffer)
    {
        buffer.Write("\""u8);
        var next = 0;          // index into removed
        var lineNumber = 0;
        var start = 0;         // the current line's first byte
        var pendingEmpty = 0;  // kept empty lines after the last kept non-empty one, written only if content follows
        var wrote = false;     // a non-empty line is written
        var at = 0;
        while (true)
        {
            var slash = content[at..].IndexOf((byte)'\\');
            var isBreak = slash >= 0 && content[at + slash + 1] == (byte)'n';
            if (slash >= 0 && !isBreak) { at += slash + 2; continue; }
            var end = slash < 0 ? content.Length : at + slash;
            if (next < removed.Length && removed[next] == lineNumber) next++;
            else
            {
                var lineBytes = content[start..end];
                if (lineBytes.IsEmpty) { if (wrote) pendingEmpty++; }
                else
                {
                    if (wrote) buffer.Write("\\n"u8);
                    for (; pendingEmpty > 0; pendingEmpty--) buffer.Write("\\n"u8);
                    buffer.Write(lineBytes);
                    wrote = true;
                }
            }
            if (slash < 0) break;
            at = end + 2;
            start = at;
            lineNumber++;
        }
        buffer.Write("\""u8);
    }

    private static void Number(int value, ArrayBufferWriter<byte> buffer)
    {
        var w = _json ??= new Utf8JsonWriter(buffer, JsonlDedupOutput.WriterOptions);
        w.Reset(buffer);
        w.WriteNumberValue(value);
        w.Flush();
    }

    private static void StringOrNull(string? value, ArrayBufferWriter<byte> buffer)
    {
        var w = _json ??= new Utf8JsonWriter(buffer, JsonlDedupOutput.WriterOptions);
        w.Reset(buffer);
        if (value is null) w.WriteNullValue(); else w.WriteStringValue(value);
        w.Flush();
    }
}
