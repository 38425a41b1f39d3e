using System.Buffers;

namespace Corpus.Crawling.Fetching;

/// <summary>
/// Tells whether bytes served as HTML are something else, after the WHATWG MIME Sniffing Standard: the byte patterns
/// of images, audio/video, fonts, archives, PDF and PostScript (§6), and its rule that a resource whose first bytes
/// hold a binary data byte is not text (§7.2). Text with a BOM, and anything else, is left as served.
/// </summary>
public static class ContentSniffer
{
    /// <summary>The rule name recorded with a page whose body is not HTML.</summary>
    public const string NotHtmlRule = "fetch.not_html";

    // WHATWG sniffs at most the first 1445 bytes.
    private const int SniffLength = 1445;

    private static readonly (byte[] Pattern, byte[]? Mask, string Type)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), null, "application/pdf"),
        ("%!PS-Adobe-"u8.ToArray(), null, "application/postscript"),
        ("GIF87a"u8.ToArray(), null, "image/gif"),
        ("GIF89a"u8.ToArray(), null, "image/gif"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], null, "image/png"),
        ([0xFF, 0xD8, 0xFF], null, "image/jpeg"),
        ("RIFF\0\0\0\0WEBPVP"u8.ToArray(), [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "image/webp"),
        ("RIFF\0\0\0\0AVI "u8.ToArray(), [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], "video/avi"),
        ("RIFF\0\0\0\0WAVE"u8.ToArray(), [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], "audio/wave"),
        ("BM"u8.ToArray(), null, "image/bmp"),
        ([0x00, 0x00, 0x01, 0x00], null, "image/x-icon"),
        ([0x00, 0x00, 0x02, 0x00], null, "image/x-icon"),
        ("OggS\0"u8.ToArray(), null, "application/ogg"),
        ("ID3"u8.ToArray(), null, "audio/mpeg"),
        ([0x1A, 0x45, 0xDF, 0xA3], null, "video/webm"),
        ("\0\0\0\0ftyp"u8.ToArray(), [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], "video/mp4"),
        ("wOFF"u8.ToArray(), null, "font/woff"),
        ("wOF2"u8.ToArray(), null, "font/woff2"),
        ([0x1F, 0x8B, 0x08], null, "application/x-gzip"),
        ("PK\u0003\u0004"u8.ToArray(), null, "application/zip"),
        ("Rar!\u001A\u0007"u8.ToArray(), null, "application/x-rar-compressed"),
    ];

    /// <summary>WHATWG's binary data bytes: 0x00-0x08, 0x0B, 0x0E-0x1A, 0x1C-0x1F.</summary>
    private static readonly SearchValues<byte> BinaryDataBytes = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1C, 0x1D, 0x1E, 0x1F]);

    /// <summary>The type the bytes sniff as when they are not HTML (or any text), else null.</summary>
    public static string? NotHtml(ReadOnlySpan<byte> body)
    {
        var head = body.Length > SniffLength ? body[..SniffLength] : body;
        foreach (var (pattern, mask, type) in Signatures)
            if (Matches(head, pattern, mask)) return type;
        // A byte order mark says text, whatever follows.
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return null;
        return head.ContainsAny(BinaryDataBytes) ? "application/octet-stream" : null;
    }

    private static bool Matches(ReadOnlySpan<byte> data, byte[] pattern, byte[]? mask)
    {
        if (data.Length < pattern.Length) return false;
        for (var i = 0; i < pattern.Length; i++)
            if ((data[i] & (mask?[i] ?? 0xFF)) != pattern[i]) return false;
        return true;
    }

    /// <summary>The failure reason for a body served as <paramref name="servedAs"/> that sniffs as <paramref name="sniffed"/>.</summary>
    public static string Reason(string url, string sniffed, string? servedAs) =>
        $"{NotHtmlRule}: the body of {url} is {sniffed} by its bytes although served as {servedAs ?? "(no type)"}";
}
