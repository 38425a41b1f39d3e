using System.Buffers.Binary;
using System.Text;

namespace Corpus.Extraction.Files;

/// <summary>
/// What a file given as HTML really is, from its first bytes (as browsers and <c>file</c> do): images, PDFs,
/// executables and archives are failed with a reason instead of being "extracted" as garbage text.
/// </summary>
public static class InputSniffer
{
    private static readonly (byte[] Magic, string What)[] Signatures =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ("RIFF"u8.ToArray(), "a RIFF file (WebP image, WAV or AVI)"),
        ("%PDF-"u8.ToArray(), "a PDF document"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "an ELF executable"),
        ("MZ"u8.ToArray(), "a Windows executable"),
        ([(byte)'P', (byte)'K', 0x03, 0x04], "a ZIP archive (or an Office document)"),
        ([0x1F, 0x8B], "gzip data inside gzip"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd data"),
        ("BZh"u8.ToArray(), "bzip2 data"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00], "xz data"),
        ("SQLite format 3"u8.ToArray(), "an SQLite database"),
        ("WARC/"u8.ToArray(), "a WARC file (give it to a recipe's sources.warc)"),
    ];

    /// <summary>Why these bytes are not an HTML page, or null when they may be one.</summary>
    public static string? WhyNotHtml(ReadOnlySpan<byte> bytes)
    {
        foreach (var (magic, what) in Signatures)
            if (bytes.StartsWith(magic)) return $"not HTML: the bytes are {what}";
        // UTF-16 pages have a NUL in every other byte; anything else with NULs near the start is binary.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return null;
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        if (head.Contains((byte)0)) return "not HTML: the bytes are binary (NUL bytes near the start)";
        return null;
    }

    /// <summary>
    /// Whether a gzip stream ends with the trailer its decompressed bytes call for (.NET's GZipStream reads a cut-off
    /// stream to its cut without complaint). Checks the last member, which for a single-member file is the whole file.
    /// </summary>
    public static string? WhyTruncatedGzip(ReadOnlySpan<byte> compressed, long decompressedLength)
    {
        if (compressed.Length < 18) return "truncated gzip: shorter than a gzip header and trailer";
        var size = BinaryPrimitives.ReadUInt32LittleEndian(compressed[^4..]);
        return size == (uint)decompressedLength ? null
            : $"truncated gzip: the stream ends after {decompressedLength:N0} decompressed bytes but its trailer says {size:N0} (a cut-off download?)";
    }
}
