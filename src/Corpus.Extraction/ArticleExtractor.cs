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
/// takes longer than the time budget fails with that reason.
/// </summary>
public sealed class ArticleExtractor(ExtractionRules rules, PromoBlockClassifier promos, double maxLinkDensity = 0.5, TimeSpan? budget = null) : IPageExtractor
{
    private readonly MainContentFinder _finder = new(rules, promos);
    private readonly TimeSpan _budget = budget ?? TimeSpan.FromSeconds(rules.Setting("time_budget_seconds"));

    public Document Extract(FetchedPage page) => Analyze(page).Document;

    public ExtractedArticle Analyze(FetchedPage page, bool explain = false)
    {
        // Big pages get more time in proportion, so the budget catches runaway work rather than honest size.
        var deadline = new Deadline(_budget == TimeSpan.Zero ? _budget
            : _budget + TimeSpan.FromSeconds(rules.Setting("time_budget_seconds_per_mb") * page.Body.Length / 1_000_000.0));
        try
        {
            return Run(page, deadline, explain);
        }
        catch (ExtractionBudgetExceededException e)
        {
            return new ExtractedArticle(Document.FailedPage(page, $"extract.time_budget: {e.Message}"), new ArticleMetadata(), MainContent.Empty, null);
        }
    }

    private ExtractedArticle Run(FetchedPage page, Deadline deadline, bool explain)
    {
        var (html, charset) = CharsetDecoder.Decode(page.Body.Span, page.ContentType);
        html = NestingLimiter.Limit(html, (int)rules.Setting("max_depth"), deadline);
        deadline.CheckNow();
        // Browsers stop nesting at a fixed depth too; past it the parser's scope checks make a deep page quadratic.
        var parser = new HtmlParser(new HtmlParserOptions { MaximumDepth = (int)rules.Setting("max_depth"), SkipComments = true });
        using var budget = new CancellationTokenSource(deadline.Remaining);
        AngleSharp.Html.Dom.IHtmlDocument parsed;
        try
        {
            parsed = parser.ParseDocumentAsync(html, budget.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new ExtractionBudgetExceededException(deadline.Budget);
        }
        using var doc = parsed;
        deadline.CheckNow();
        var pageUrl = page.FinalUrl ?? page.Url;
        var meta = MetadataReader.Read(doc, pageUrl, page.ContentType);
        var content = _finder.Find(doc, pageUrl, deadline, explain);

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
            Text = TextNormalizer.Normalize(string.Join('\n', content.Lines)),
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
