using System.Net;

namespace Corpus.Crawling.Fetching;

/// <summary>
/// Answers chosen host names from chosen local endpoints, like a hosts file: the sample's URLs stay
/// <c>http://kabarnusantara.test/...</c> (so document ids do not depend on a random port) while the bytes come
/// from the in-process server. A trusted entry (the build's own in-process server) passes the private-address
/// check; any other mapped address is checked like a DNS answer.
/// </summary>
public sealed class HostMap
{
    private readonly Dictionary<string, (IPEndPoint EndPoint, bool Trusted)> _map = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string host, IPEndPoint endPoint, bool trusted = false) => _map[host] = (endPoint, trusted);

    public bool TryGet(string host, out IPEndPoint endPoint)
    {
        var found = _map.TryGetValue(host, out var entry);
        endPoint = entry.EndPoint;
        return found;
    }

    public bool IsTrusted(string host) => _map.TryGetValue(host, out var entry) && entry.Trusted;

    public IEnumerable<string> Hosts => _map.Keys;
}
