using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace Corpus.Extraction;

/// <summary>Metadata in priority order: JSON-LD, then meta tags, then the visible page.</summary>
public static class MetadataReader
{
    public static ArticleMetadata Read(IDocument doc, string pageUrl, string? contentType = null)
    {
        var ld = ReadJsonLd(doc);
        string? Meta(params string[] keys)
        {
            foreach (var key in keys)
            {
                var el = doc.QuerySelector($"meta[property='{key}'], meta[name='{key}'], meta[itemprop='{key}']");
                var value = el?.GetAttribute("content")?.Trim();
                if (!string.IsNullOrEmpty(value)) return value;
            }
            return null;
        }

        var siteName = ld?.SiteName ?? Meta("og:site_name", "application-name");
        var metaTitle = Meta("og:title", "twitter:title");
        var pageTitle = doc.QuerySelector("h1")?.TextContent.Trim() ?? doc.Title;
        var (title, source) = ld?.Title is { } t ? (t, "json-ld") : metaTitle is not null ? (metaTitle, "meta") : (pageTitle, "page");

        var canonical = doc.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? Meta("og:url");
        if (canonical is not null && Uri.TryCreate(new Uri(pageUrl), canonical, out var abs)) canonical = abs.AbsoluteUri;

        var lang = doc.DocumentElement.GetAttribute("lang") ?? Meta("og:locale") ?? Meta("content-language");
        var timeEl = doc.QuerySelector("time[datetime]")?.GetAttribute("datetime");

        return new ArticleMetadata
        {
            Title = CleanTitle(title, siteName),
            Author = ld?.Author ?? Meta("author", "article:author"),
            Published = ld?.Published ?? ParseDate(Meta("article:published_time", "datePublished", "pubdate")) ?? ParseDate(timeEl),
            Modified = ld?.Modified ?? ParseDate(Meta("article:modified_time", "dateModified")),
            Section = ld?.Section ?? Meta("article:section"),
            SiteName = siteName,
            CanonicalUrl = canonical,
            LanguageDeclared = NormalizeLanguage(lang),
            Description = Meta("description", "og:description"),
            Source = source,
            PageType = ld is not null ? "article" : Meta("og:type"),
        };
    }

    /// <summary>"Headline | Site" and "Headline - Site" lose the site part.</summary>
    public static string? CleanTitle(string? title, string? siteName)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        // Some sites escape twice ("doesn&#8217;t" inside an attribute); one more decode is harmless on clean text.
        title = System.Net.WebUtility.HtmlDecode(title).Trim();
        foreach (var sep in new[] { " | ", " - ", " – ", " — ", " :: " })
        {
            var i = title.LastIndexOf(sep, StringComparison.Ordinal);
            if (i <= 0) continue;
            var tail = title[(i + sep.Length)..];
            if (siteName is not null ? tail.Equals(siteName, StringComparison.OrdinalIgnoreCase) : tail.Split(' ').Length <= 3)
                return title[..i].Trim();
        }
        return title;
    }

    public static string? NormalizeLanguage(string? lang)
    {
        if (string.IsNullOrWhiteSpace(lang)) return null;
        var code = lang.Trim().Replace('_', '-').Split('-')[0].ToLowerInvariant();
        return code.Length is 2 or 3 ? code : null;
    }

    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime() : null;
    }

    private sealed record JsonLdArticle(string? Title, string? Author, DateTimeOffset? Published, DateTimeOffset? Modified, string? Section, string? SiteName);

    private static JsonLdArticle? ReadJsonLd(IDocument doc)
    {
        foreach (var script in doc.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                foreach (var node in Flatten(json.RootElement))
                {
                    var type = node.TryGetProperty("@type", out var t) ? t.ToString() : "";
                    if (!type.Contains("Article", StringComparison.OrdinalIgnoreCase) && !type.Contains("Posting", StringComparison.OrdinalIgnoreCase)) continue;
                    return new JsonLdArticle(
                        Str(node, "headline") ?? Str(node, "name"),
                        Names(node, "author"),
                        ParseDate(Str(node, "datePublished")),
                        ParseDate(Str(node, "dateModified")),
                        Str(node, "articleSection"),
                        node.TryGetProperty("publisher", out var p) ? Str(p, "name") : null);
                }
            }
            catch (JsonException) { }
        }
        return null;
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray()) foreach (var y in Flatten(x)) yield return y;
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            yield return e;
            if (e.TryGetProperty("@graph", out var g)) foreach (var y in Flatten(g)) yield return y;
        }
    }

    private static string? Str(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()?.Trim(),
            JsonValueKind.Array => v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : null).FirstOrDefault(x => x is not null),
            _ => null,
        };
    }

    private static string? Names(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        var items = v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [v];
        var names = items.Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : Str(x, "name"))
            .Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        return names.Count == 0 ? null : string.Join("; ", names);
    }
}
