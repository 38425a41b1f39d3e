using System.Text;
using System.Text.RegularExpressions;

namespace Corpus.Extraction;

/// <summary>
/// Bytes to text the way browsers do it, in this order: BOM, HTTP <c>charset</c>, <c>meta charset</c> /
/// <c>http-equiv</c> in the first bytes, then UTF-8 if the bytes are valid UTF-8, else windows-1252. A declared legacy
/// charset loses to UTF-8 when the bytes hold non-ASCII text that is valid UTF-8: legacy-encoded text (GBK, Shift_JIS,
/// windows-1252) almost never is, while pages re-saved as UTF-8 under their old declaration are common.
/// </summary>
public static partial class CharsetDecoder
{
    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string Charset) Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Encoding.UTF8.GetString(bytes[3..]), "utf-8");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");

        var declared = FromContentType(contentType) ?? FromMeta(bytes[..Math.Min(bytes.Length, 4096)]);
        if (declared is not null && TryGet(declared) is { } encoding)
        {
            // A page that says UTF-8 but is not is common; fall through to detection rather than produce U+FFFD soup.
            var valid = IsValidUtf8(bytes);
            if (encoding.CodePage == Encoding.UTF8.CodePage ? valid : !valid || bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0)
                return (encoding.GetString(bytes), encoding.WebName);
            if (valid) return (Encoding.UTF8.GetString(bytes), "utf-8");
        }
        if (IsValidUtf8(bytes)) return (Encoding.UTF8.GetString(bytes), "utf-8");
        return (Encoding.GetEncoding(1252).GetString(bytes), "windows-1252");
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
