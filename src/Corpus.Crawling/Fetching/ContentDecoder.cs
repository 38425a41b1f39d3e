using System.IO.Compression;

namespace Corpus.Crawling.Fetching;

/// <summary>A body grew past its cap: over the wire, or while being decompressed (a decompression bomb).</summary>
public sealed class BodyTooLargeException(string message) : Exception(message);

/// <summary>Undoes <c>Content-Encoding</c> (gzip, deflate, br) while counting, so a small bomb never becomes a large buffer.</summary>
public static class ContentDecoder
{
    public static byte[] Decode(ReadOnlySpan<byte> raw, string? contentEncoding, long maxBytes)
    {
        var coding = contentEncoding?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(coding) || coding is "identity") return raw.ToArray();
        using var input = new MemoryStream(raw.ToArray());
        using Stream decoder = coding switch
        {
            "gzip" or "x-gzip" => new GZipStream(input, CompressionMode.Decompress),
            "deflate" => LooksLikeZlib(raw) ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            _ => throw new InvalidDataException($"unsupported Content-Encoding '{contentEncoding}'"),
        };
        return ReadCapped(decoder, maxBytes, raw.Length);
    }

    public static byte[] ReadCapped(Stream stream, long maxBytes, long compressedLength)
    {
        var output = new MemoryStream();
        var buffer = new byte[16384];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            if (output.Length + n > maxBytes)
                throw new BodyTooLargeException($"decompressed body exceeds {maxBytes} bytes from {compressedLength} compressed (decompression bomb refused)");
            output.Write(buffer, 0, n);
        }
        return output.ToArray();
    }

    // "deflate" means zlib-wrapped by the RFC, raw deflate by many servers; the zlib header says which.
    private static bool LooksLikeZlib(ReadOnlySpan<byte> raw) =>
        raw.Length >= 2 && (raw[0] & 0x0f) == 8 && ((raw[0] << 8) | raw[1]) % 31 == 0;
}
