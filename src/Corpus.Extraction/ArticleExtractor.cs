using System.Globalization;
using AngleSharp.Html.Parser;
using Corpus.Cleaning;
using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Extraction;

/// <summary>HTML page → document: charset, metadata, main text. Pages that are lists of links are excluded here.</summary>
public sealed class ArticleExtractor(ExtractionRules rules, PromoBlockClassifier promos, double maxLinkDensity = 0.5) : IPageExtractor
{
    private readonly MainContentFinder _finder = new(rules, promos);

    public Document Extract(FetchedPage page)
    {
        var (html, _) = CharsetDecoder.Decode(page.Body.Span, page.ContentType);
        var parser = new HtmlParser();
        using var doc = parser.ParseDocument(html);
        var pageUrl = page.FinalUrl ?? page.Url;
        var meta = MetadataReader.Read(doc, pageUrl);
        var content = _finder.Find(doc, pageUrl);

        var url = (meta.CanonicalUrl is { } c ? UrlNormalizer.Normalize(c) : null) ?? UrlNormalizer.Normalize(pageUrl) ?? pageUrl;
        var document = new Document
        {
            Id = DocumentId.FromUrl(url),
            Url = url,
            SourceUrl = page.Url,
            Domain = new Uri(url).Host,
            FetchedAt = page.FetchedAt,
            WarcFile = page.WarcFile,
            WarcOffset = page.WarcOffset,
            Text = TextNormalizer.Normalize(string.Join('\n', content.Lines)),
            Title = meta.Title,
            Author = meta.Author,
            Published = meta.Published,
            Modified = meta.Modified,
            Section = meta.Section,
            SiteName = meta.SiteName,
            LanguageDeclared = meta.LanguageDeclared,
            PromosRemoved = content.Removed.Count,
        };
        // A page that calls itself something other than an article (a tag page, a home page) is a list, not a story.
        if (meta.PageType is { } type && !type.Contains("article", StringComparison.OrdinalIgnoreCase))
            return document.Exclude("extract.page_type", type);
        if (content.LinkDensity > maxLinkDensity)
            return document.Exclude("extract.link_density", content.LinkDensity.ToString("0.00", CultureInfo.InvariantCulture));
        return document;
    }
}
