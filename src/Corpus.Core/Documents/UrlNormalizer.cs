using System.Text;
using Corpus.Core.Data;

namespace Corpus.Core.Documents;

/// <summary>
/// One spelling per page, used wherever a URL becomes an identity (the crawl frontier, WARC input, canonical URLs and
/// so document ids): scheme and host lower-cased, default port and fragment dropped, tracking parameters stripped
/// (list in <c>Data/tracking-parameters.txt</c>) and percent-encoding normalised (unreserved characters decoded, hex
/// digits upper-cased), so <c>/a%7Eb?utm_source=x</c> and <c>/a~b</c> are one URL.
/// </summary>
public static class UrlNormalizer
{
    private static readonly (HashSet<string> Exact, string[] Prefixes) Tracking = LoadTracking();

    public static IReadOnlyCollection<string> TrackingParameters => [.. Tracking.Exact, .. Tracking.Prefixes.Select(p => p + "*")];

    public static string? Normalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            return null;
        var path = NormalizeEscapes(uri.AbsolutePath);
        var query = uri.Query.Length > 1 ? StripTracking(uri.Query[1..]) : "";
        var builder = new StringBuilder();
        builder.Append(uri.Scheme).Append("://").Append(uri.Host.ToLowerInvariant());
        if (!uri.IsDefaultPort) builder.Append(':').Append(uri.Port);
        builder.Append(path.Length == 0 ? "/" : path);
        if (query.Length > 0) builder.Append('?').Append(query);
        return builder.ToString();
    }

    public static bool IsTracking(string name) =>
        Tracking.Exact.Contains(name) || Tracking.Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static string StripTracking(string query)
    {
        var kept = query.Split('&').Where(p => p.Length > 0 && !IsTracking(Uri.UnescapeDataString(p.Split('=')[0])))
            .Select(NormalizeEscapes);
        return string.Join('&', kept);
    }

    /// <summary>Decodes %XX for unreserved characters (RFC 3986 §6.2.2.2) and upper-cases the hex of the rest.</summary>
    public static string NormalizeEscapes(string s)
    {
        if (!s.Contains('%')) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                var value = Convert.ToByte(s.Substring(i + 1, 2), 16);
                var c = (char)value;
                if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~') sb.Append(c);
                else sb.Append('%').Append(char.ToUpperInvariant(s[i + 1])).Append(char.ToUpperInvariant(s[i + 2]));
                i += 2;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static (HashSet<string>, string[]) LoadTracking()
    {
        var exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<string>();
        foreach (var (_, fields) in EmbeddedTable.Rows(typeof(UrlNormalizer).Assembly, "Corpus.Core.Data.tracking-parameters.txt"))
        {
            var line = fields[0].Trim();
            if (line.EndsWith('*')) prefixes.Add(line[..^1]);
            else exact.Add(line);
        }
        return (exact, prefixes.ToArray());
    }
}
