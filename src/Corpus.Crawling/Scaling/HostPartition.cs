using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Corpus.Crawling.Scaling;

/// <summary>
/// Which of N crawl tasks owns a host: the first 8 bytes of the SHA-256 of the lower-cased host name (big-endian),
/// modulo N. Stable across processes, machines and .NET versions (unlike <c>string.GetHashCode</c>, which is
/// randomised per process), so every task of every round agrees on the owner, and a host's politeness is kept by one task.
/// </summary>
public static class HostPartition
{
    public static int Owner(string host, int tasks)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(host.ToLowerInvariant()), digest);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(digest) % (ulong)tasks);
    }

    /// <summary>The owner of a URL's host (the port does not matter: one host, one owner).</summary>
    public static int OwnerOfUrl(string url, int tasks) => Owner(new Uri(url).Host, tasks);
}
