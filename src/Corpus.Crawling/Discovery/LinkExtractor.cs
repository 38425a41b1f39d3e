using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Corpus.Crawling.Discovery;

/// <summary>The links of an HTML page a crawler follows, and the page's declared canonical URL.</summary>
public sealed record PageLinks(IReadOnlyList<string> Links, string? Canonical)
{
    /// <summary>Feeds the page links: <c>&lt;link rel=alternate type=application/rss+xml|atom+xml&gt;</c>, and anchors to feed files.</summary>
    public IReadOnlyList<string> Feeds { get; init; } = [];
    /// <summary>Sitemaps the page links: <c>&lt;link rel=sitemap&gt;</c>, and anchors to sitemap files.</summary>
    public IReadOnlyList<string> Sitemaps { get; init; } = [];
}

/// <summary>
/// Finds <c>&lt;a href&gt;</c> targets, <c>&lt;base href&gt;</c> and <c>&lt;link rel=canonical&gt;</c> with a tolerant
/// tag scan: enough to crawl (extraction parses the page properly later), and fast on large pages.
/// Links marked <c>rel=nofollow</c> are skipped.
/// </summary>
public static partial class LinkExtractor
{
    public static PageLinks Extract(string html, string pageUrl)
    {
        var baseUrl = pageUrl;
        if (BaseTag().Match(html) is { Success: true } b && Attr(b.Value, "href") is { } baseHref
            && SitemapReader.Resolve(pageUrl, baseHref) is { } resolvedBase)
            baseUrl = resolvedBase;
        string? canonical = null;
        var feeds = new List<string>();
        var sitemaps = new List<string>();
        foreach (Match m in LinkTag().Matches(html)) LinkTagTarget(m.Value, baseUrl, ref canonical, feeds, sitemaps);
        var links = new List<string>();
        foreach (Match m in AnchorTag().Matches(html)) AnchorTarget(m.Value, baseUrl, links, feeds, sitemaps);
        return new PageLinks(links, canonical) { Feeds = feeds, Sitemaps = sitemaps };
    }

    /// <summary>
    /// The same as <see cref="Extract(string, string)"/> on the page's bytes read as Latin-1, without decoding the page:
    /// the tags are found on the bytes (<c>&lt;a</c>, <c>&lt;link</c> or <c>&lt;base</c>, a white-space character, then
    /// up to the next <c>&gt;</c>, as the patterns match them) and only the tags are decoded.
    /// </summary>
    public static PageLinks Extract(ReadOnlySpan<byte> html, string pageUrl)
    {
        var baseUrl = pageUrl;
        var at = 0;
        if (NextTag(html, "base"u8, ref at) is { } baseTag && Attr(baseTag, "href") is { } baseHref
            && SitemapReader.Resolve(pageUrl, baseHref) is { } resolvedBase)
            baseUrl = resolvedBase;
        string? canonical = null;
        var feeds = new List<string>();
        var sitemaps = new List<string>();
        at = 0;
        while (NextTag(html, "link"u8, ref at) is { } tag) LinkTagTarget(tag, baseUrl, ref canonical, feeds, sitemaps);
        var links = new List<string>();
        at = 0;
        while (NextTag(html, "a"u8, ref at) is { } tag) AnchorTarget(tag, baseUrl, links, feeds, sitemaps);
        return new PageLinks(links, canonical) { Feeds = feeds, Sitemaps = sitemaps };
    }

    /// <summary>
    /// The next <c>&lt;NAME\s[^&gt;]*&gt;</c> (name matched without regard to ASCII case) at or after <paramref name="at"/>,
    /// decoded as Latin-1; <paramref name="at"/> moves past it. Null when there is none.
    /// </summary>
    private static string? NextTag(ReadOnlySpan<byte> html, ReadOnlySpan<byte> name, ref int at)
    {
        while (at < html.Length)
        {
            var lt = html[at..].IndexOf((byte)'<');
            if (lt < 0) break;
            var start = at + lt;
            at = start + 1;
            var rest = html[at..];
            if (rest.Length <= name.Length || !Ascii.EqualsIgnoreCase(rest[..name.Length], name) || !IsSpace(rest[name.Length])) continue;
            var gt = rest[(name.Length + 1)..].IndexOf((byte)'>');
            if (gt < 0) break;   // no '>' follows: no tag can end
            var end = at + name.Length + 1 + gt + 1;
            at = end;
            return System.Text.Encoding.Latin1.GetString(html[start..end]);
        }
        at = html.Length;
        return null;
    }

    /// <summary>Regex's <c>\s</c> on a Latin-1 character: tab to carriage return, space, NEL and no-break space.</summary>
    private static bool IsSpace(byte b) => b is (>= 0x09 and <= 0x0D) or 0x20 or 0x85 or 0xA0;

    private static void LinkTagTarget(string tag, string baseUrl, ref string? canonical, List<string> feeds, List<string> sitemaps)
    {
        if (Attr(tag, "rel") is not { } rel || Attr(tag, "href") is not { } href) return;
        var rels = rel.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (canonical is null && rels.Contains("canonical", StringComparer.OrdinalIgnoreCase))
            canonical = SitemapReader.Resolve(baseUrl, href);
        else if (rels.Contains("alternate", StringComparer.OrdinalIgnoreCase) && Attr(tag, "type")?.Trim().ToLowerInvariant() is "application/rss+xml" or "application/atom+xml"
            && SitemapReader.Resolve(baseUrl, href) is { } feed)
            feeds.Add(feed);
        else if (rels.Contains("sitemap", StringComparer.OrdinalIgnoreCase) && SitemapReader.Resolve(baseUrl, href) is { } sitemap)
            sitemaps.Add(sitemap);
    }

    private static void AnchorTarget(string tag, string baseUrl, List<string> links, List<string> feeds, List<string> sitemaps)
    {
        if (Attr(tag, "rel") is { } rel && rel.Contains("nofollow", StringComparison.OrdinalIgnoreCase)) return;
        if (Attr(tag, "href") is not { } href || href.StartsWith('#')) return;
        if (SitemapReader.Resolve(baseUrl, href) is not { } url) return;
        switch (FileKind(url))
        {
            case "feed": feeds.Add(url); break;
            case "sitemap": sitemaps.Add(url); break;
            default: links.Add(url); break;
        }
    }

    /// <summary>Whether an anchor's target is a feed or a sitemap by its path (<c>/feed</c>, <c>rss.xml</c>, <c>sitemap.xml</c> ...), else null.</summary>
    internal static string? FileKind(string url)
    {
        var path = new Uri(url).AbsolutePath.ToLowerInvariant().TrimEnd('/');
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name.Contains("sitemap", StringComparison.Ordinal) && (name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".xml.gz", StringComparison.Ordinal))) return "sitemap";
        if (name is "feed" or "rss" or "atom" || name.EndsWith(".rss", StringComparison.Ordinal) || name.EndsWith(".atom", StringComparison.Ordinal)
            || (name.EndsWith(".xml", StringComparison.Ordinal) && (name.Contains("feed", StringComparison.Ordinal) || name.Contains("rss", StringComparison.Ordinal) || name.Contains("atom", StringComparison.Ordinal))))
            return "feed";
        return null;
    }

    private static string? Attr(string tag, string name)
    {
        var m = Attribute().Matches(tag).FirstOrDefault(a => a.Groups[1].Value.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (m is null) return null;
        var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
        return WebUtility.HtmlDecode(value.Trim());
    }

    [GeneratedRegex(@"<a\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"<link\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();

    [GeneratedRegex(@"<base\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BaseTag();

    [GeneratedRegex(@"([\w:-]+)\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>""']+))")]
    private static partial Regex Attribute();
}
