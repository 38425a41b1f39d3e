using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace Corpus.Extraction;

/// <summary>Metadata in priority order: JSON-LD, then meta tags, then the visible page.</summary>
public static class MetadataReader
{
    public static ArticleMetadata Read(IDocument doc, string pageUrl, string? contentType = null, string? contentLanguage = null) =>
        Read(doc, pageUrl, contentType, contentLanguage, null);

    /// <param name="bodyElements">The body and every element under it in document order, when the caller has listed them.</param>
    public static ArticleMetadata Read(IDocument doc, string pageUrl, string? contentType, string? contentLanguage, IReadOnlyList<IElement>? bodyElements)
    {
        // One walk of the page collects what every source needs, instead of a document-wide selector per key.
        var found = Collect(doc, bodyElements);
        var ld = ReadJsonLd(found.JsonLd, doc.Title);
        var metas = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tagValues = new List<string>();
        foreach (var el in found.Metas)
        {
            var content = el.GetAttribute("content")?.Trim();
            if (string.IsNullOrEmpty(content)) continue;
            foreach (var attr in MetaKeyAttributes)
            {
                if (el.GetAttribute(attr) is not { Length: > 0 } keys) continue;
                // One tag may serve several properties: property="og:title twitter:title".
                foreach (var key in keys.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (key.Equals("article:tag", StringComparison.OrdinalIgnoreCase)) tagValues.Add(System.Net.WebUtility.HtmlDecode(content));
                    metas.TryAdd(key, content);
                }
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
        // A title the page declares (JSON-LD, then meta tags) is taken as written; the <title> element loses its
        // site part; the first h1 is often a site or section banner, so it comes last.
        var declaredTitle = Pick("title", (ld?.Title, "json-ld"),
            (Meta("dc:title", "dc.title", "dcterm:title", "dcterms.title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title"), "meta"));
        var title = declaredTitle is not null ? System.Net.WebUtility.HtmlDecode(declaredTitle).Trim()
            : Pick("title", (TitleFromElement(doc.Title, found.Headings, found.H1s), "page"), (found.H1?.TextContent.Trim(), "page"));

        var canonical = found.Canonical?.GetAttribute("href") ?? Meta("og:url");
        if (canonical is not null && Uri.TryCreate(pageUrl, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, canonical, out var abs)
            && abs.Scheme is "http" or "https")
            canonical = abs.AbsoluteUri;
        else if (canonical is not null && !Uri.TryCreate(canonical, UriKind.Absolute, out _)) canonical = null;

        // The page's own declaration first, then the server's Content-Language header (its first language), then meta tags.
        var headerLanguage = contentLanguage?.Split(',')[0].Trim();
        var lang = Pick("language", (Usable(doc.DocumentElement.GetAttribute("lang")), "page"), (Usable(doc.DocumentElement.GetAttribute("xml:lang")), "page"),
            (Usable(headerLanguage), "header"), (Meta("og:locale"), "meta"), (Meta("content-language", "language", "dc.language"), "meta"));
        // The visible page is read only when JSON-LD and meta tags are silent: each selector is a walk of the whole page.
        var declaredPublished = ld?.Published ?? ParseDate(Meta("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date"));
        var timeEl = declaredPublished is not null ? null
            : found.Time?.GetAttribute("datetime");
        var published = Pick("published", (ld?.Published, "json-ld"),
            (ParseDate(Meta("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date")), "meta"),
            (ParseDate(timeEl), "page"), (DateFromUrl(pageUrl) ?? (canonical is null ? null : DateFromUrl(canonical)), "url"));
        var modified = Pick("modified", (ld?.Modified, "json-ld"), (ParseDate(Meta("article:modified_time", "og:updated_time", "dateModified", "last-modified")), "meta"));
        var metaAuthor = Meta("dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator", "author", "parsely-author", "article:author", "sailthru.author");
        if (metaAuthor is not null && metaAuthor.StartsWith("http", StringComparison.OrdinalIgnoreCase)) metaAuthor = null;
        var pageAuthor = ld?.Author is not null || metaAuthor is not null ? null : found.Author is null ? null : MainContentText(found.Author.TextContent);
        var author = Pick("author", (ld?.Author, "json-ld"), (metaAuthor, "meta"), (pageAuthor is { Length: > 0 and < 100 } ? pageAuthor : null, "page"));
        var section = Pick("section", (ld?.Section, "json-ld"), (Meta("article:section", "section", "parsely-section"), "meta"));
        var tags = ld?.Tags is { Count: > 0 } ldTags ? ldTags
            : tagValues.Count > 0 ? tagValues
            : SplitTags(Meta("news_keywords", "keywords"));

        return new ArticleMetadata
        {
            Title = string.IsNullOrWhiteSpace(title) ? null : title,
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

    /// <summary>A language tag that names a language (not "x-default", "*" or empty).</summary>
    private static string? Usable(string? tag) => Corpus.Core.Text.LanguageTag.Primary(tag) is null ? null : tag;

    private static string MainContentText(string text) => Content.MainContentFinder.Collapse(text);

    /// <summary>
    /// The headline in a <c>title</c> element, as Readability reads it: "Headline | Site" loses the part after the last
    /// separator (or before the first, when the rest is under three words); "Section: Headline" keeps what follows the
    /// colon unless a heading repeats the whole title; a result of four words or fewer that dropped more than a
    /// site name falls back to the whole title; one under 15 or over 150 characters gives way to the only h1.
    /// </summary>
    public static string? TitleFromElement(string? original, IReadOnlyList<string> headings, IReadOnlyList<string> h1s)
    {
        if (string.IsNullOrWhiteSpace(original)) return null;
        original = MainContentText(System.Net.WebUtility.HtmlDecode(original));
        var title = original;
        var hierarchical = false;
        static int Words(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var separators = System.Text.RegularExpressions.Regex.Matches(original, @" [\|\-\\/>»–—] ");
        if (separators.Count > 0)
        {
            hierarchical = System.Text.RegularExpressions.Regex.IsMatch(original, @" [\\/>»] ");
            var last = separators[^1];
            title = original[..last.Index];
            if (Words(title) < 3) title = original[(separators[0].Index + separators[0].Length)..];
        }
        else if (original.Contains(": ", StringComparison.Ordinal))
        {
            if (!headings.Any(h => h.Trim() == original))
            {
                title = original[(original.LastIndexOf(':') + 1)..];
                if (Words(title) < 3) title = original[(original.IndexOf(':') + 1)..];
                else if (Words(original[..original.IndexOf(':')]) > 5) title = original;
            }
        }
        else if (original.Length is > 150 or < 15 && h1s.Count == 1)
            title = h1s[0];
        title = MainContentText(title);
        var words = Words(title);
        if (words <= 4 && (!hierarchical || words != Words(System.Text.RegularExpressions.Regex.Replace(original, @"[\|\-\\/>»]+", "")) - 1))
            title = original;
        return title;
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

    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime() : null;
    }

    private sealed record JsonLdArticle(string? Title, string? Author, DateTimeOffset? Published, DateTimeOffset? Modified, string? Section, string? SiteName, List<string> Tags);

    private sealed record Found(List<IElement> Metas, List<IElement> JsonLd, IElement? Canonical, IElement? H1, IElement? Time, IElement? Author, List<string> Headings, List<string> H1s);

    // Searched for all at once (one vectorised pass over a class value instead of four).
    private static readonly System.Buffers.SearchValues<string> BylineWords =
        System.Buffers.SearchValues.Create(["byline", "author", "dateline", "writtenby"], StringComparison.OrdinalIgnoreCase);

    /// <summary>rel=author, an author itemprop, or a class or id that says byline or author; one pass over the attributes.</summary>
    private static bool MarksByline(IElement el)
    {
        static bool Says(string value) => value.AsSpan().ContainsAny(BylineWords);
        var attributes = el.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            var attr = attributes[i]!;
            if (attr.NamespaceUri is not null) continue;
            var found = attr.LocalName switch
            {
                "rel" => string.Equals(attr.Value, "author", StringComparison.OrdinalIgnoreCase),
                "itemprop" => attr.Value.Contains("author", StringComparison.OrdinalIgnoreCase),
                "class" or "id" => Says(attr.Value),
                _ => false,
            };
            if (found) return true;
        }
        return false;
    }

    /// <summary>
    /// One walk of the document in document order. Where the caller has already listed the body's elements in
    /// document order (the extractor's first measuring pass does), the body is read from that list instead of walked
    /// again.
    /// </summary>
    private static Found Collect(IDocument doc, IReadOnlyList<IElement>? bodyElements)
    {
        var found = new Found([], [], null, null, null, null, [], []);
        IElement? canonical = null, h1 = null, publishedTime = null, anyTime = null, byline = null;
        var body = bodyElements is { Count: > 0 } ? bodyElements[0] : null;
        var stack = new Stack<Element>();
        stack.Push((Element)doc.DocumentElement);
        while (stack.Count > 0)
        {
            var el = stack.Pop();
            if (body is not null && ReferenceEquals(el, body))
            {
                // The list holds the body and everything under it, in the order this walk would visit them.
                for (var i = 0; i < bodyElements!.Count; i++) Visit(bodyElements[i]);
                continue;
            }
            Visit(el);
            var children = ((INode)el).ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
                if (children[i] is Element child) stack.Push(child);
        }
        return found with { Canonical = canonical, H1 = h1, Time = publishedTime ?? anyTime, Author = byline };

        void Visit(IElement el)
        {
            switch (el.LocalName)
            {
                case "meta": found.Metas.Add(el); break;
                case "script" when string.Equals(el.GetAttribute("type")?.Trim(), "application/ld+json", StringComparison.OrdinalIgnoreCase): found.JsonLd.Add(el); break;
                case "link" when canonical is null && string.Equals(el.GetAttribute("rel")?.Trim(), "canonical", StringComparison.OrdinalIgnoreCase): canonical = el; break;
                case "h1":
                    h1 ??= el;
                    found.Headings.Add(el.TextContent.Trim());
                    found.H1s.Add(MainContentText(el.TextContent));
                    break;
                case "h2": found.Headings.Add(el.TextContent.Trim()); break;
                case "time" when el.HasAttribute("datetime"):
                    if (publishedTime is null && (el.HasAttribute("pubdate") || string.Equals(el.GetAttribute("itemprop"), "datePublished", StringComparison.OrdinalIgnoreCase))) publishedTime = el;
                    anyTime ??= el;
                    break;
            }
            // The visible byline, as Readability finds it: the first short element that is a rel=author link, has an
            // author itemprop, or whose class or id says byline or author.
            if (byline is null && el.Attributes.Length > 0 && el.LocalName is not ("meta" or "link" or "script" or "body" or "html")
                && MarksByline(el) && el.TextContent.Trim() is { Length: > 2 and < 100 } text && text.Any(char.IsLetter))
                byline = el;
        }
    }

    /// <summary>Word overlap of two titles as Readability measures it: the share of the second's words the first lacks, from 1.</summary>
    private static double Similarity(string a, string b)
    {
        var x = Evaluation.MetadataScore.Tokens(a);
        var y = Evaluation.MetadataScore.Tokens(b);
        if (x.Count == 0 || y.Count == 0) return 0;
        var set = x.ToHashSet(StringComparer.Ordinal);
        var unique = y.Where(t => !set.Contains(t)).ToList();
        return 1 - (double)string.Join(' ', unique).Length / string.Join(' ', y).Length;
    }

    private static JsonLdArticle? ReadJsonLd(List<IElement> scripts, string? pageTitle)
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
                    // Some pages put the site's name in "name" and the article's in "headline": take the one the
                    // <title> resembles, else the name.
                    var (name, headline) = (Str(node, "name"), Str(node, "headline"));
                    var title = name is not null && headline is not null && name != headline && pageTitle is not null
                        && Similarity(name, pageTitle) <= 0.75 && Similarity(headline, pageTitle) > 0.75 ? headline : name ?? headline;
                    return new JsonLdArticle(
                        title,
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
        return names.Count == 0 ? null : string.Join(", ", names!.Select(n => n!.Trim()));
    }
}
