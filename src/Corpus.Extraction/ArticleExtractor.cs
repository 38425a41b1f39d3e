using System.Globalization;
using AngleSharp.Html.Parser;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Extraction.Content;
using Corpus.Text.Promos;
using Corpus.Text;

namespace Corpus.Extraction;

/// <summary>Everything extraction learned about one page: the document, the metadata, the body and what was left out.</summary>
public sealed record ExtractedArticle(Document Document, ArticleMetadata Metadata, MainContent Content, string? Charset);

/// <summary>
/// HTML page → document: charset, metadata, main text. Pages that are lists of links are excluded here; a page that
/// needs more work than its budget (a count of tags and element visits, so the same on every machine) fails with that reason.
/// </summary>
public sealed class ArticleExtractor(ExtractionRules rules, PromoBlockClassifier promos, double maxLinkDensity, long? workBudget,
    bool keepAllAttributes) : IPageExtractor
{
    public ArticleExtractor(ExtractionRules rules, PromoBlockClassifier promos, double maxLinkDensity = 0.5, long? workBudget = null)
        : this(rules, promos, maxLinkDensity, workBudget, keepAllAttributes: false) { }

    private readonly MainContentFinder _finder = new(rules, promos);
    // Browsers stop nesting at a fixed depth too; past it the parser's scope checks make a deep page quadratic.
    // One parser per thread: building one (its browsing context and factories) costs as much as parsing a small page.
    // Only the attributes extraction reads are kept (ParsedAttributes); keepAllAttributes is for comparing against.
    private readonly ThreadLocal<HtmlParser> _parser = new(() =>
        new HtmlParser(ParsedAttributes.Options((int)rules.Setting("max_depth"), keepAllAttributes)));

    public Document Extract(FetchedPage page) => Analyze(page).Document;

    public ExtractedArticle Analyze(FetchedPage page, bool explain = false)
    {
        // Big pages get more work in proportion, so the budget catches runaway work rather than honest size.
        var budget = workBudget is { } units ? new WorkBudget(units) : WorkBudget.For(rules, page.Body.Length);
        try
        {
            return Run(page, budget, explain);
        }
        catch (ExtractionBudgetExceededException e)
        {
            return new ExtractedArticle(Document.FailedPage(page, $"extract.work_budget: {e.Message}"), new ArticleMetadata(), MainContent.Empty, null);
        }
    }

    private ExtractedArticle Run(FetchedPage page, WorkBudget budget, bool explain)
    {
        var (html, charset) = CharsetDecoder.Decode(page.Body.Span, page.ContentType);
        // The parse is paid for up front, per tag, so a page of a million empty tags fails before it is parsed.
        var maxDepth = (int)rules.Setting("max_depth");
        var tags = NestingLimiter.CountTags(html, maxDepth, out var mayBeDeeper);
        budget.Spend((long)(tags * rules.Setting("work_per_tag")), $"the page's {tags} tags need more than");
        html = NestingLimiter.Limit(html, maxDepth, mayBeDeeper, budget);
        using var doc = _parser.Value!.ParseDocument(html);
        var pageUrl = page.FinalUrl ?? page.Url;
        // Metadata reads the body from the content pass's first measuring walk rather than walking it a second time.
        ArticleMetadata? meta = null;
        var content = _finder.Find(doc, pageUrl, budget, explain,
            bodyElements => meta = MetadataReader.Read(doc, pageUrl, page.ContentType, page.ContentLanguage, bodyElements));
        meta ??= MetadataReader.Read(doc, pageUrl, page.ContentType, page.ContentLanguage);

        var url = (meta.CanonicalUrl is { } c ? UrlNormalizer.Normalize(c) : null) ?? UrlNormalizer.Normalize(pageUrl) ?? pageUrl;
        var document = new Document
        {
            Id = DocumentId.FromUrl(url),
            Url = url,
            SourceUrl = page.Url,
            Domain = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : "",
            FetchedAt = page.FetchedAt,
            WarcFile = page.WarcFile,
            WarcOffset = page.WarcOffset,
            Text = TextNormalizer.NormalizeLines(content.Lines),
            Title = meta.Title,
            Author = meta.Author,
            Published = meta.Published,
            Modified = meta.Modified,
            Section = meta.Section,
            SiteName = meta.SiteName,
            LanguageDeclared = meta.LanguageDeclared,
            PromosRemoved = content.Promos.Count,
            PromoRemovals = ExtractedPromos.Of(content),
        };
        // A page that calls itself something other than an article (a tag page, a home page) is a list, not a story.
        if (meta.PageType is { } type && !type.Contains("article", StringComparison.OrdinalIgnoreCase))
            document = document.Exclude("extract.page_type", type);
        else if (content.LinkDensity > maxLinkDensity)
            document = document.Exclude("extract.link_density", content.LinkDensity.ToString("0.00", CultureInfo.InvariantCulture));
        return new ExtractedArticle(document, meta, content, charset);
    }
}
