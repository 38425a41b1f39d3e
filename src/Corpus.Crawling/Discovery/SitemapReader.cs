using System.Xml.Linq;

namespace Corpus.Crawling.Discovery;

/// <summary>A sitemap is either a list of pages or an index of further sitemaps.</summary>
public sealed record Sitemap(IReadOnlyList<string> Pages, IReadOnlyList<string> ChildSitemaps);

public static class SitemapReader
{
    /// <summary>Parses sitemap XML (<c>urlset</c> or <c>sitemapindex</c>); relative locations resolve against <paramref name="baseUrl"/>.</summary>
    public static Sitemap Parse(string xml, string baseUrl)
    {
        var doc = XDocument.Parse(xml);
        var root = doc.Root ?? throw new FormatException("empty sitemap");
        var locs = root.Elements().Select(e => e.Elements().FirstOrDefault(c => c.Name.LocalName == "loc")?.Value.Trim())
            .Where(l => !string.IsNullOrEmpty(l)).Select(l => Resolve(baseUrl, l!)).OfType<string>().ToList();
        return root.Name.LocalName == "sitemapindex" ? new Sitemap([], locs) : new Sitemap(locs, []);
    }

    internal static string? Resolve(string baseUrl, string href) =>
        Uri.TryCreate(new Uri(baseUrl), href, out var u) && (u.Scheme == "http" || u.Scheme == "https") ? u.AbsoluteUri : null;
}
