using System.Text;
using System.Text.RegularExpressions;

namespace Corpus.Extraction;

/// <summary>
/// Bytes to text the way browsers do it, in this order: BOM, HTTP <c>charset</c>, <c>meta charset</c> /
/// <c>http-equiv</c> in the first bytes, then UTF-8 if the bytes are valid UTF-8, else windows-1252. A declared legacy
/// charset loses to UTF-8 when the bytes hold non-ASCII text that is valid UTF-8: legacy-encoded text (GBK, Shift_JIS,
/// windows-1252) almost never is, while pages re-saved as UTF-8 under their old declaration are common.
/// A page declared UTF-8 with a few invalid bytes stays UTF-8 (each bad sequence becomes U+FFFD and is counted): one
/// stray byte must not turn every "é" of the page into "Ã©".
/// </summary>
public static partial class CharsetDecoder
{
    /// <summary>Text, the charset it was decoded with, and how many invalid byte sequences became U+FFFD.</summary>
    public sealed record Decoded(string Text, string Charset, int InvalidSequences);

    /// <summary>Most invalid sequences a declared UTF-8 page may have and still be read as UTF-8 (see <see cref="DecodeCounted"/>).</summary>
    private const int MaxInvalidSequences = 8;

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string Charset) Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var d = DecodeCounted(bytes, contentType);
        return (d.Text, d.Charset);
    }

    public static Decoded DecodeCounted(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Utf8(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(Encoding.Unicode.GetString(bytes[2..]), "utf-16le", 0);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be", 0);

        var declared = FromContentType(contentType) ?? FromMeta(bytes[..Math.Min(bytes.Length, 4096)]);
        if (declared is not null && TryGet(declared) is { } encoding)
        {
            if (encoding.CodePage != Encoding.UTF8.CodePage)
            {
                // Legacy-encoded text (GBK, Shift_JIS, windows-1252) is almost never valid UTF-8, while pages re-saved as
                // UTF-8 under their old declaration are common: valid non-ASCII UTF-8 wins over a legacy declaration.
                var valid = IsValidUtf8(bytes);
                if (!valid || bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0) return new(encoding.GetString(bytes), encoding.WebName, 0);
                return new(Encoding.UTF8.GetString(bytes), "utf-8", 0);
            }
            // A page that says UTF-8 but is windows-1252 is common: its accented letters are all invalid UTF-8. One that
            // is UTF-8 with a stray byte has valid multi-byte letters and a few bad bytes: the declaration wins.
            var (validSequences, invalid) = Utf8Sequences(bytes);
            if (invalid == 0 || (invalid <= MaxInvalidSequences && invalid <= validSequences)) return Utf8(bytes);
        }
        if (IsValidUtf8(bytes)) return new(Encoding.UTF8.GetString(bytes), "utf-8", 0);
        return new(Encoding.GetEncoding(1252).GetString(bytes), "windows-1252", 0);
    }

    private static Decoded Utf8(ReadOnlySpan<byte> bytes) => new(Encoding.UTF8.GetString(bytes), "utf-8", Utf8Sequences(bytes).Invalid);

    /// <summary>Multi-byte UTF-8 sequences that decode, and invalid sequences (each one U+FFFD when decoded).</summary>
    private static (int Valid, int Invalid) Utf8Sequences(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0;
        while (!bytes.IsEmpty)
        {
            var ascii = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (ascii < 0) break;
            bytes = bytes[ascii..];
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == System.Buffers.OperationStatus.Done) valid++;
            else invalid++;
            bytes = bytes[Math.Max(consumed, 1)..];
        }
        return (valid, invalid);
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static Encoding? TryGet(string name)
    {
        // Browsers treat these labels as windows-1252 (WHATWG Encoding), and so do we.
        if (name.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) || name.Equals("latin1", StringComparison.OrdinalIgnoreCase)
            || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
            return Encoding.GetEncoding(1252);
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    private static string? FromContentType(string? contentType)
    {
        if (contentType is null) return null;
        var m = CharsetParam().Match(contentType);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string? FromMeta(ReadOnlySpan<byte> head)
    {
        var ascii = Encoding.Latin1.GetString(head);
        var m = MetaCharset().Match(ascii);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetParam();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
