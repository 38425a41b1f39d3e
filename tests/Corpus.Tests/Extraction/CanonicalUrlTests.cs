using System.Text;
using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Text.Promos;

namespace Corpus.Tests.Extraction;

/// <summary>A document's id comes from the same URL normalisation the crawler's frontier uses.</summary>
public sealed class CanonicalUrlTests
{
    [Fact]
    public void A_canonical_with_tracking_parameters_gives_the_id_of_the_clean_url()
    {
        var html = """
            <html><head><title>Harga Beras</title>
            <link rel="canonical" href="HTTP://Example.TEST:80/ekonomi/harga%7Eberas.html?utm_source=fb&amp;page=2#top">
            </head><body><article><p>Harga beras di pasar induk turun menjelang panen raya, kata para pedagang pada Senin pagi.</p></article></body></html>
            """;
        var page = new FetchedPage
        {
            Url = "http://example.test/ekonomi/harga~beras.html?page=2&fbclid=abc",
            Body = Encoding.UTF8.GetBytes(html),
            ContentType = "text/html; charset=utf-8",
            Status = 200,
            FetchedAt = DateTimeOffset.UnixEpoch,
        };
        var document = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default)).Extract(page);

        Assert.Equal("http://example.test/ekonomi/harga~beras.html?page=2", document.Url);
        Assert.Equal(DocumentId.FromUrl(UrlNormalizer.Normalize(page.Url)!), document.Id);
    }
}
