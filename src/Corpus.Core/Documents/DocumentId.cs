using System.Security.Cryptography;
using System.Text;

namespace Corpus.Core.Documents;

/// <summary>Stable document ids: the same canonical URL always gives the same id, on any machine.</summary>
public static class DocumentId
{
    /// <summary>First 128 bits of SHA-256 of the canonical URL, as 32 lower-case hex characters.</summary>
    public static string FromUrl(string canonicalUrl)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonicalUrl), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
