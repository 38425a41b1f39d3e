using System.Net;

namespace Corpus.Crawling.Fetching;

/// <summary>
/// Answers chosen host names from chosen addresses, like a hosts file or curl's <c>--resolve</c>: the sample's URLs
/// stay <c>http://kabarnusantara.test/...</c> (so document ids do not depend on a random port) while the bytes come
/// from the in-process server. A trusted entry (the build's own in-process server, or a <c>crawl.resolve</c> line of
/// the recipe) may reach its mapped address even when that address is private or loopback; only that host, only that
/// address: every other host, and every redirect to a literal address, is still checked by the SSRF guard. An
/// untrusted entry is checked like a DNS answer. Port 0 means "the port of the URL".
/// </summary>
public sealed class HostMap
{
    private readonly Dictionary<string, (IPEndPoint EndPoint, bool Trusted)> _map = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string host, IPEndPoint endPoint, bool trusted = false) => _map[host] = (endPoint, trusted);

    /// <summary>Adds a <c>crawl.resolve</c> entry: <paramref name="target"/> is an address, optionally with a port (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>).</summary>
    public void Resolve(string host, string target) => Add(host, ParseTarget(target) ?? throw new FormatException($"'{target}' is not an IP address (optionally with :port)"), trusted: true);

    /// <summary>An address with an optional port, or null when <paramref name="target"/> is neither.</summary>
    public static IPEndPoint? ParseTarget(string target)
    {
        target = target.Trim();
        if (IPAddress.TryParse(target, out var address) && !target.StartsWith('[')) return new IPEndPoint(address, 0);
        return IPEndPoint.TryParse(target, out var endPoint) ? endPoint : null;
    }

    public bool TryGet(string host, out IPEndPoint endPoint)
    {
        var found = _map.TryGetValue(host, out var entry);
        endPoint = entry.EndPoint;
        return found;
    }

    /// <summary>The mapped endpoint for a connection to <paramref name="host"/>:<paramref name="port"/>, or null when the host is not mapped.</summary>
    public IPEndPoint? Lookup(string host, int port) =>
        _map.TryGetValue(host, out var entry) ? (entry.EndPoint.Port == 0 ? new IPEndPoint(entry.EndPoint.Address, port) : entry.EndPoint) : null;

    public bool IsTrusted(string host) => _map.TryGetValue(host, out var entry) && entry.Trusted;

    public IEnumerable<string> Hosts => _map.Keys;
}
