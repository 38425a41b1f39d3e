using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace Corpus.Extraction;

/// <summary>Metadata in priority order: JSON-LD, then meta tags, then the visible page.</summary>
public static class MetadataReader
{
    public static ArticleMetadata Read(IDocument doc, string pageUrl, string? contentType = null)
    {
        // One walk of the page collects what every source needs, instead of a document-wide selector per key.
        var found = Collect(doc);
        var ld = ReadJsonLd(found.JsonLd);
        var metas = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tagValues = new List<string>();
        foreach (var el in found.Metas)
        {
            var content = el.GetAttribute("content")?.Trim();
            if (string.IsNullOrEmpty(content)) continue;
            foreach (var attr in MetaKeyAttributes)
            {
                if (el.GetAttribute(attr) is not { Length: > 0 } key) continue;
                if (key.Equals("article:tag", StringComparison.OrdinalIgnoreCase)) tagValues.Add(System.Net.WebUtility.HtmlDecode(content));
                metas.TryAdd(key.Trim(), content);
            }
        }
        string? Meta(params string[] keys)
        {
            foreach (var key in keys)
                if (metas.TryGetValue(key, out var value)) return System.Net.WebUtility.HtmlDecode(value);
            return null;
        }
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        T? Pick<T>(string field, params (T? Value, string Source)[] candidates)
        {
            foreach (var (value, source) in candidates)
            {
                if (value is null || value is string s && string.IsNullOrWhiteSpace(s)) continue;
                sources[field] = source;
                return value;
            }
            return default;
        }

        var siteName = Pick("site_name", (ld?.SiteName, "json-ld"), (Meta("og:site_name", "application-name"), "meta"));
        var h1 = found.H1?.TextContent.Trim();
        // The page's <title> names the document as its author meant it; the first h1 is often a site or section banner.
        var title = Pick("title", (ld?.Title, "json-ld"), (Meta("dc:title", "dc.title", "dcterm:title", "dcterms.title", "og:title", "twitter:title", "parsely-title"), "meta"), (doc.Title, "page"), (h1, "page"));

        var canonical = found.Canonical?.GetAttribute("href") ?? Meta("og:url");
        if (canonical is not null && Uri.TryCreate(pageUrl, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, canonical, out var abs)
            && abs.Scheme is "http" or "https")
            canonical = abs.AbsoluteUri;
        else if (canonical is not null && !Uri.TryCreate(canonical, UriKind.Absolute, out _)) canonical = null;

        var lang = Pick("language", (doc.DocumentElement.GetAttribute("lang"), "page"), (doc.DocumentElement.GetAttribute("xml:lang"), "page"),
            (Meta("og:locale"), "meta"), (Meta("content-language", "language", "dc.language"), "meta"));
        // The visible page is read only when JSON-LD and meta tags are silent: each selector is a walk of the whole page.
        var declaredPublished = ld?.Published ?? ParseDate(Meta("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date"));
        var timeEl = declaredPublished is not null ? null
            : found.Time?.GetAttribute("datetime");
        var published = Pick("published", (ld?.Published, "json-ld"),
            (ParseDate(Meta("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date")), "meta"),
            (ParseDate(timeEl), "page"), (DateFromUrl(pageUrl) ?? (canonical is null ? null : DateFromUrl(canonical)), "url"));
        var modified = Pick("modified", (ld?.Modified, "json-ld"), (ParseDate(Meta("article:modified_time", "og:updated_time", "dateModified", "last-modified")), "meta"));
        var metaAuthor = Meta("author", "article:author", "parsely-author", "sailthru.author", "dc.creator");
        if (metaAuthor is not null && metaAuthor.StartsWith("http", StringComparison.OrdinalIgnoreCase)) metaAuthor = null;
        var pageAuthor = ld?.Author is not null || metaAuthor is not null ? null : (found.Author?.QuerySelector("[itemprop='name']") ?? found.Author)?.TextContent.Trim();
        var author = Pick("author", (ld?.Author, "json-ld"), (metaAuthor, "meta"), (pageAuthor is { Length: > 0 and < 100 } ? pageAuthor : null, "page"));
        var section = Pick("section", (ld?.Section, "json-ld"), (Meta("article:section", "section", "parsely-section"), "meta"));
        var tags = ld?.Tags is { Count: > 0 } ldTags ? ldTags
            : tagValues.Count > 0 ? tagValues
            : SplitTags(Meta("news_keywords", "keywords"));

        return new ArticleMetadata
        {
            Title = CleanTitle(title, siteName),
            Author = author,
            Published = published,
            Modified = modified,
            Section = section,
            Tags = tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            SiteName = siteName,
            CanonicalUrl = canonical,
            LanguageDeclared = Corpus.Core.Text.LanguageTag.Primary(lang),
            Description = Meta("description", "og:description", "twitter:description"),
            Source = sources.GetValueOrDefault("title"),
            Sources = sources,
            PageType = ld is not null ? "article" : Meta("og:type"),
        };
    }

    private static List<string> SplitTags(string? value) =>
        value is null ? [] : value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>News URLs often carry the day: /2019/11/19/, /2019-11-19-, /20191119/.</summary>
    public static DateTimeOffset? DateFromUrl(string url)
    {
        var m = System.Text.RegularExpressions.Regex.Match(url, @"[/_-]((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)");
        if (!m.Success) return null;
        return DateTimeOffset.TryParseExact($"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}", "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var d) ? d.ToUniversalTime() : null;
    }

    private static readonly string[] MetaKeyAttributes = ["property", "name", "itemprop", "http-equiv"];

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
            // A head of one or two words ("Mozilla - Wikipedia") is too short to be the headline on its own.
            if (title[..i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3) continue;
            if (siteName is not null ? tail.Equals(siteName, StringComparison.OrdinalIgnoreCase) : tail.Split(' ').Length <= 3)
                return title[..i].Trim();
        }
        return title;
    }

    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime() : null;
    }

    private sealed record JsonLdArticle(string? Title, string? Author, DateTimeOffset? Published, DateTimeOffset? Modified, string? Section, string? SiteName, List<string> Tags);

    private sealed record Found(List<IElement> Metas, List<IElement> JsonLd, IElement? Canonical, IElement? H1, IElement? Time, IElement? Author);

    private static Found Collect(IDocument doc)
    {
        var found = new Found([], [], null, null, null, null);
        IElement? canonical = null, h1 = null, publishedTime = null, anyTime = null, author = null, byline = null;
        static bool Says(string? value) => value is not null
            && (value.Contains("byline", StringComparison.OrdinalIgnoreCase) || value.Contains("author", StringComparison.OrdinalIgnoreCase));
        var stack = new Stack<IElement>();
        stack.Push(doc.DocumentElement);
        while (stack.Count > 0)
        {
            var el = stack.Pop();
            switch (el.LocalName)
            {
                case "meta": found.Metas.Add(el); break;
                case "script" when string.Equals(el.GetAttribute("type")?.Trim(), "application/ld+json", StringComparison.OrdinalIgnoreCase): found.JsonLd.Add(el); break;
                case "link" when canonical is null && string.Equals(el.GetAttribute("rel")?.Trim(), "canonical", StringComparison.OrdinalIgnoreCase): canonical = el; break;
                case "h1" when h1 is null: h1 = el; break;
                case "time" when el.HasAttribute("datetime"):
                    if (publishedTime is null && (el.HasAttribute("pubdate") || string.Equals(el.GetAttribute("itemprop"), "datePublished", StringComparison.OrdinalIgnoreCase))) publishedTime = el;
                    anyTime ??= el;
                    break;
            }
            if (author is null && (string.Equals(el.GetAttribute("rel"), "author", StringComparison.OrdinalIgnoreCase)
                                   || string.Equals(el.GetAttribute("itemprop"), "author", StringComparison.OrdinalIgnoreCase)))
                author = el;
            // The visible byline, as Readability finds it: the first short element whose class or id says byline or author.
            if (byline is null && el.Attributes.Length > 0 && el.LocalName is not ("meta" or "link" or "script" or "body" or "html")
                && (Says(el.GetAttribute("class")) || Says(el.Id)) && el.TextContent.Trim() is { Length: > 2 and < 100 } text && text.Any(char.IsLetter))
                byline = el;
            var children = el.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
                if (children[i] is IElement child) stack.Push(child);
        }
        return found with { Canonical = canonical, H1 = h1, Time = publishedTime ?? anyTime, Author = author ?? byline };
    }

    private static JsonLdArticle? ReadJsonLd(List<IElement> scripts)
    {
        foreach (var script in scripts)
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
                        node.TryGetProperty("publisher", out var p) ? Str(p, "name") : null,
                        Keywords(node));
                }
            }
            catch (JsonException) { }
        }
        return null;
    }

    private static List<string> Keywords(JsonElement node)
    {
        if (!node.TryGetProperty("keywords", out var k)) return [];
        return k.ValueKind switch
        {
            JsonValueKind.String => SplitTags(k.GetString()),
            JsonValueKind.Array => k.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!.Trim()).Where(x => x.Length > 0).ToList(),
            _ => [],
        };
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
