using System.Security.Cryptography;

namespace Corpus.Crawling.Warc;

/// <summary>RFC 4648 base32 (upper case, padded): the spelling WARC digests use, e.g. <c>sha1:3I42H3S6...</c>.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>A SHA-1 hasher per thread, reset after each digest (creating one, as a one-shot hash does, costs more than hashing a page).</summary>
    [ThreadStatic] private static IncrementalHash? t_sha1;

    public static string Encode(ReadOnlySpan<byte> data) => Encode(data, "");

    private static string Encode(ReadOnlySpan<byte> data, string prefix)
    {
        Span<char> chars = stackalloc char[prefix.Length + (data.Length + 4) / 5 * 8];
        prefix.CopyTo(chars);
        var n = prefix.Length;
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[n++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) chars[n++] = Alphabet[(buffer << (5 - bits)) & 31];
        while ((n - prefix.Length) % 8 != 0) chars[n++] = '=';
        return new string(chars[..n]);
    }

    /// <summary>The WARC digest of some bytes: <c>sha1:</c> + base32 of the SHA-1.</summary>
    public static string Sha1Digest(ReadOnlySpan<byte> data) => Sha1Digest(data, default);

    /// <summary>The WARC digest of <paramref name="first"/> followed by <paramref name="second"/>, without joining them.</summary>
    public static string Sha1Digest(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var sha1 = t_sha1 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(first);
        sha1.AppendData(second);
        Span<byte> hash = stackalloc byte[20];
        sha1.GetHashAndReset(hash);
        return Encode(hash, "sha1:");
    }
}
