namespace Corpus.Crawling.Warc;

/// <summary>RFC 4648 base32 (upper case, padded): the spelling WARC digests use, e.g. <c>sha1:3I42H3S6...</c>.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new System.Text.StringBuilder((data.Length + 4) / 5 * 8);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) chars.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        while (chars.Length % 8 != 0) chars.Append('=');
        return chars.ToString();
    }

    /// <summary>The WARC digest of some bytes: <c>sha1:</c> + base32 of the SHA-1.</summary>
    public static string Sha1Digest(ReadOnlySpan<byte> data) => "sha1:" + Encode(System.Security.Cryptography.SHA1.HashData(data));

    /// <summary>The WARC digest of <paramref name="first"/> followed by <paramref name="second"/>, without joining them.</summary>
    public static string Sha1Digest(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        using var sha1 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA1);
        sha1.AppendData(first);
        sha1.AppendData(second);
        Span<byte> hash = stackalloc byte[20];
        sha1.GetHashAndReset(hash);
        return "sha1:" + Encode(hash);
    }
}
