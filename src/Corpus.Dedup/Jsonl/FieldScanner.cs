using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Corpus.Dedup.Jsonl;

/// <summary>
/// The five fields dedup reads, found in a line's UTF-8 bytes by searching for the next quote, backslash or control
/// byte (vectorised) instead of letting <see cref="Utf8JsonReader"/> validate every byte of a string after its first
/// escape (most texts have a <c>\n</c> in the first paragraph). It takes only the plain shape <c>corpus</c> writes: an
/// object with no whitespace between tokens, unescaped unique names, strings whose escapes are the short ones
/// (<c>\" \\ \/ \b \f \n \r \t</c>); any other value (number, literal, object, array) is read by a
/// <see cref="Utf8JsonReader"/> over that value alone. For a line it takes, it gives what the reader way gives; anything
/// else (whitespace, <c>\u</c> escapes, an escaped or repeated name, …) it leaves to the reader way (returns null).
/// </summary>
internal static class FieldScanner
{
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly JsonReaderOptions Nested = new() { MaxDepth = 63 }; // the value sits one level below the line's object

    /// <summary>
    /// True or false as <c>Fields.TryRead</c> decides (with the text decoded into <paramref name="text"/>), or null
    /// when the line is not of the plain shape and the reader must decide. The line is valid UTF-8 (checked by the caller).
    /// With <paramref name="decode"/> false the text is left as it is: <paramref name="textContent"/> is where its
    /// string's content lies in the line (between the quotes, escapes as written), for a fold that reads the bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool? TryScan(ReadOnlySpan<byte> line, bool decode, ref char[]? text, out string? id, out string? url, out string? domain, out string? published,
        out int textLength, out Range textContent)
    {
        id = url = domain = published = null;
        textLength = 0;
        textContent = default;
        var hasText = false;
        if (line.Length < 2 || line[0] != (byte)'{' || line[1] == (byte)'}') return null;
        Span<ulong> names = stackalloc ulong[64];
        var count = 0;
        var at = 1;
        while (true)
        {
            // "name":
            if (at >= line.Length || line[at] != (byte)'"') return null;
            var nameEnd = StringEnd(line, at + 1, out var nameEscaped);
            if (nameEnd < 0 || nameEscaped || count == names.Length) return null;
            var name = line[(at + 1)..nameEnd];
            var hash = XxHash3.HashToUInt64(name);
            if (names[..count].Contains(hash)) return null;
            names[count++] = hash;
            at = nameEnd + 1;
            if (at >= line.Length || line[at] != (byte)':') return null;
            at++;
            if (at >= line.Length) return null;
            var field = name.SequenceEqual("id"u8) ? 0 : name.SequenceEqual("text"u8) ? 1 : name.SequenceEqual("url"u8) ? 2
                : name.SequenceEqual("domain"u8) ? 3 : name.SequenceEqual("published"u8) ? 4 : -1;
            if (line[at] == (byte)'"')
            {
                var end = StringEnd(line, at + 1, out var escaped);
                if (end < 0) return null;
                var value = line[(at + 1)..end];
                at = end + 1;
                switch (field)
                {
                    case 1:
                        textContent = new Range(at - value.Length - 1, at - 1);
                        if (decode)
                        {
                            if (text is null || text.Length < value.Length) text = new char[value.Length * 2];
                            textLength = escaped ? Unescape(value, text) : Encoding.UTF8.GetChars(value, text);
                        }
                        hasText = true;
                        break;
                    case >= 0:
                        if (escaped) return null; // rare: the reader way decodes it
                        var s = Encoding.UTF8.GetString(value);
                        switch (field)
                        {
                            case 0: id = s; break;
                            case 2: url = s; break;
                            case 3: domain = s; break;
                            default: published = s; break;
                        }
                        break;
                }
            }
            else
            {
                // Any other value: the reader reads (and checks) that value alone.
                var reader = new Utf8JsonReader(line[at..], isFinalBlock: true, state: new JsonReaderState(Nested));
                try
                {
                    if (!reader.Read()) return null;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                }
                catch (JsonException)
                {
                    return null;
                }
                if (field >= 0)
                {
                    if (reader.TokenType != JsonTokenType.Null) return false; // a field dedup reads that is not a string
                    if (field == 1) hasText = false;
                }
                at += (int)reader.BytesConsumed;
            }
            if (at >= line.Length) return null;
            if (line[at] == (byte)',') { at++; continue; }
            if (line[at] == (byte)'}' && at == line.Length - 1) break;
            return null;
        }
        return id is not null && hasText;
    }

    /// <summary>The index of the closing quote of the string whose content starts at <paramref name="from"/>, or -1 when not plain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StringEnd(ReadOnlySpan<byte> line, int from, out bool escaped)
    {
        escaped = false;
        var at = from;
        while (true)
        {
            var next = line[at..].IndexOfAny(StringStops);
            if (next < 0) return -1;
            at += next;
            var b = line[at];
            if (b == (byte)'"') return at;
            if (b != (byte)'\\' || at + 1 >= line.Length) return -1; // a control byte: the reader refuses it
            if (line[at + 1] is not ((byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
                return -1; // \u escapes (and invalid ones) go the reader way
            escaped = true;
            at += 2;
        }
    }

    /// <summary>A string's content with short escapes only (<see cref="StringEnd"/> checked them) as UTF-16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Unescape(ReadOnlySpan<byte> value, Span<char> into)
    {
        var length = 0;
        while (true)
        {
            var slash = value.IndexOf((byte)'\\');
            var plain = slash < 0 ? value : value[..slash];
            length += Encoding.UTF8.GetChars(plain, into[length..]);
            if (slash < 0) return length;
            into[length++] = value[slash + 1] switch
            {
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                var c => (char)c, // " \ /
            };
            value = value[(slash + 2)..];
        }
    }
}
