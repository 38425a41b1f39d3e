using System.Net;
using System.Net.Sockets;

namespace Corpus.Crawling.Safety;

/// <summary>A connection refused because the host resolved to an address the recipe does not allow (SSRF guard).</summary>
public sealed class AddressRefusedException(string message) : Exception(message);

/// <summary>
/// Which resolved addresses a crawl may connect to. By default only public unicast: loopback, private (RFC 1918,
/// fc00::/7), link-local (169.254/16, fe80::/10, cloud metadata lives there), multicast, CGNAT and unspecified
/// addresses are refused, so a page cannot steer the crawler into the machine's own network.
/// </summary>
public static class AddressPolicy
{
    public static string? WhyRefused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return "loopback";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)) return "private";
            if (b[0] == 169 && b[1] == 254) return "link-local";
            if (b[0] >= 224 && b[0] <= 239) return "multicast";
            if (b[0] == 100 && b[1] >= 64 && b[1] <= 127) return "shared (CGNAT)";
            if (b[0] == 0 || b[0] >= 240) return "reserved";
            return null;
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal) return "link-local";
        if (address.IsIPv6Multicast) return "multicast";
        if (address.IsIPv6UniqueLocal) return "private";
        if (address.Equals(IPAddress.IPv6Any)) return "reserved";
        return null;
    }
}
