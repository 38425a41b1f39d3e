using System.Net;

namespace Corpus.Crawling.Fetching;

/// <summary>
/// Answers chosen host names from chosen local endpoints, like a hosts file: the sample's URLs stay
/// <c>http://kabarnusantara.test/...</c> (so document ids do not depend on a random port) while the bytes come
/// from the in-process server.
/// </summary>
public sealed class HostMap
{
    private readonly Dictionary<string, IPEndPoint> _map = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string host, IPEndPoint endPoint) => _map[host] = endPoint;

    public bool TryGet(string host, out IPEndPoint endPoint) => _map.TryGetValue(host, out endPoint!);

    public IEnumerable<string> Hosts => _map.Keys;
}
