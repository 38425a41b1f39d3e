using System.Text;
using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Text.Promos;

namespace Corpus.Tests.Extraction;

/// <summary>Small real pages with the chrome news sites wrap around an article, and what must come out of them.</summary>
public sealed class MainContentTests
{
    private static readonly ArticleExtractor Extractor = new(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default));

    private static ExtractedArticle Extract(string html, string url = "http://news.test/world/2024/03/05/bridge.html") =>
        Extractor.Analyze(new FetchedPage { Url = url, Status = 200, ContentType = "text/html; charset=utf-8", Body = Encoding.UTF8.GetBytes(html), FetchedAt = DateTimeOffset.UnixEpoch }, explain: true);

    private static readonly string[] Body =
    [
        "The city council voted on Tuesday to fund a new bridge over the river, ending a debate that lasted three years.",
        "Supporters said the bridge would cut travel times for thousands of commuters, while critics questioned the cost.",
        "Construction is expected to begin next spring, and the mayor said the first lanes could open within two years.",
        "The council will publish the full contract, including the budget for maintenance, before the end of the month.",
    ];

    private const string Chrome = """
        <header class="site-header"><a href="/">News Test</a><nav><a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
        <div class="breadcrumb"><a href="/">Home</a> › <a href="/world">World</a></div>
        """;

    private const string Footer = """
        <div class="share-bar"><a href="https://twitter.com/share">Tweet this story</a></div>
        <section class="related-articles"><h3>Related</h3><ul><li><a href="/a">Another story about bridges and rivers today</a></li><li><a href="/b">A second story about the mayor and the council</a></li></ul></section>
        <div id="comments"><p>Sign in to comment on this article and join the conversation with other readers.</p></div>
        <div class="cookie-consent">We use cookies to improve your experience. Accept all cookies?</div>
        <footer><p>© 2024 News Test. All rights reserved. Terms, privacy and contact details.</p></footer>
        """;

    [Fact]
    public void Article_body_comes_out_without_menus_share_bars_related_lists_comments_or_cookie_boxes()
    {
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var result = Extract($"<html><body>{Chrome}<main><article><h1>Council funds bridge</h1><div class=\"article-body\">{paragraphs}</div></article></main>{Footer}</body></html>");
        Assert.Equal(Body, result.Document.Text.Split('\n'));
        Assert.Contains(result.Content.Dropped, d => d.Rule.StartsWith("chrome", StringComparison.Ordinal) && d.Text.Contains("Tweet this story"));
    }

    [Fact]
    public void Paragraphs_directly_in_the_body_come_out_without_the_head()
    {
        // The body is the best container and the only child of <html> with measured text: the climb must stop there.
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var html = $"<html><head><title>Bridge test</title><style><![CDATA[ body {{ margin: 0 auto; }} ]]></style></head><body><h1>Bridge test</h1>{paragraphs}</body></html>";
        Assert.Equal(Body, Extract(html).Document.Text.Split('\n'));
    }

    [Fact]
    public void A_section_whose_id_is_its_heading_made_into_an_anchor_is_not_chrome_by_that_id()
    {
        // Documentation generators give each section the slug of its heading as id: "sharing" there is a word of the
        // title, not a share bar. A box titled in two words keeps its id's weight.
        var first = string.Concat(Body.Take(2).Select(p => $"<p>{p}</p>"));
        var second = string.Concat(Body.Skip(2).Select(p => $"<p>{p}</p>"));
        var html = $"<html><body><div class=\"body\"><div class=\"section\" id=\"why-the-bridge-was-built\"><h2>Why the bridge was built</h2>{first}</div>"
            + $"<div class=\"section\" id=\"sharing-the-cost-of-the-bridge\"><h2>Sharing the cost of the bridge</h2>{second}</div>"
            + "<div id=\"share-this\"><h2>Share this</h2><p>Send this story to a friend by email or on any social network.</p></div></div></body></html>";
        var text = Extract(html).Document.Text;
        Assert.Contains(Body[3], text);
        Assert.Contains("Sharing the cost of the bridge", text);
        Assert.DoesNotContain("Send this story", text);
    }

    [Fact]
    public void Body_split_by_an_ad_is_merged_back()
    {
        var first = string.Concat(Body.Take(2).Select(p => $"<p>{p}</p>"));
        var second = string.Concat(Body.Skip(2).Select(p => $"<p>{p}</p>"));
        var html = $"<html><body>{Chrome}<div class=\"story\"><div class=\"story-part\">{first}</div><div class=\"ad-slot\">ADVERTISEMENT</div><div class=\"story-part\">{second}</div></div>{Footer}</body></html>";
        Assert.Equal(Body, Extract(html).Document.Text.Split('\n'));
    }

    [Fact]
    public void Div_soup_with_line_breaks_keeps_each_paragraph_as_a_line()
    {
        var soup = string.Join("<br><br>", Body);
        var html = $"<html><body>{Chrome}<div id=\"wrap\"><div class=\"x1\"><div class=\"x2\">{soup}</div></div></div>{Footer}</body></html>";
        Assert.Equal(Body, Extract(html).Document.Text.Split('\n'));
    }

    [Fact]
    public void Promo_block_inside_the_body_is_removed_by_the_cleaning_rules_and_counted()
    {
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var promo = "<p><strong>Baca Juga:</strong> <a href=\"/other\">Jembatan Baru Dibuka Untuk Umum</a></p>";
        var result = Extract($"<html><body><article>{paragraphs[..(paragraphs.Length / 2)]}</article></body></html>".Replace("</p><p>", "</p>" + promo + "<p>"));
        Assert.DoesNotContain("Baca Juga", result.Document.Text);
        Assert.True(result.Document.PromosRemoved >= 1);
        Assert.Contains(result.Content.Promos, p => p.Text.Contains("Jembatan Baru"));
    }

    [Fact]
    public void Page_with_several_article_elements_keeps_the_story_not_the_teasers()
    {
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var teasers = string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"<article class=\"teaser\"><h2><a href=\"/story{i}\">Another headline number {i}</a></h2><p>A short summary of another story.</p></article>"));
        var html = $"<html><body>{Chrome}<article class=\"story\"><h1>Council funds bridge</h1>{paragraphs}</article><div class=\"more-stories\">{teasers}</div>{Footer}</body></html>";
        Assert.Equal(Body, Extract(html).Document.Text.Split('\n'));
    }

    [Fact]
    public void Very_short_article_is_still_found()
    {
        var result = Extract($"<html><body>{Chrome}<article><p>{Body[0]}</p></article>{Footer}</body></html>");
        Assert.Equal(Body[0], result.Document.Text);
    }

    [Fact]
    public void Metadata_prefers_json_ld_then_meta_tags_and_says_which_won()
    {
        const string html = """
            <html lang="id-ID"><head><title>Council funds bridge | News Test</title>
            <meta property="og:site_name" content="News Test"><meta property="og:title" content="Council funds bridge - News Test">
            <meta property="article:published_time" content="2024-03-05T09:00:00+07:00"><meta property="article:section" content="World">
            <meta property="article:tag" content="bridges"><meta property="article:tag" content="council">
            <meta name="description" content="The council voted to fund a bridge.">
            <link rel="canonical" href="/world/2024/03/05/bridge.html">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council funds new bridge",
              "author":[{"@type":"Person","name":"Ani Rahma"},{"@type":"Person","name":"Budi Santoso"}],"dateModified":"2024-03-06T10:00:00Z"}</script>
            </head><body><article><p>The city council voted on Tuesday to fund a new bridge over the river, ending a long debate.</p></article></body></html>
            """;
        var m = Extract(html).Metadata;
        Assert.Equal("Council funds new bridge", m.Title);
        Assert.Equal("json-ld", m.Sources["title"]);
        Assert.Equal("Ani Rahma, Budi Santoso", m.Author);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 2, 0, 0, TimeSpan.Zero), m.Published);
        Assert.Equal("meta", m.Sources["published"]);
        Assert.Equal(new DateTimeOffset(2024, 3, 6, 10, 0, 0, TimeSpan.Zero), m.Modified);
        Assert.Equal("World", m.Section);
        Assert.Equal(["bridges", "council"], m.Tags);
        Assert.Equal("id", m.LanguageDeclared);
        Assert.Equal("http://news.test/world/2024/03/05/bridge.html", m.CanonicalUrl);
        Assert.Equal("The council voted to fund a bridge.", m.Description);
    }

    [Fact]
    public void Without_declared_metadata_the_title_loses_its_site_suffix_and_the_date_comes_from_the_url()
    {
        var m = Extract("<html><head><title>Council funds the new bridge | News Test</title></head><body><p>Some text of the story, long enough to count.</p></body></html>").Metadata;
        Assert.Equal("Council funds the new bridge", m.Title);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero), m.Published);
        Assert.Equal("url", m.Sources["published"]);
    }

    [Fact]
    public void A_declared_title_is_taken_as_written_and_json_ld_prefers_the_name_unless_the_headline_matches_the_page_title()
    {
        var og = Extract("<html><head><title>x</title><meta property=\"x:title og:title\" content=\"Council funds the bridge - News Test\"></head><body><p>Some text of the story, long enough to count.</p></body></html>").Metadata;
        Assert.Equal("Council funds the bridge - News Test", og.Title);
        const string ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"name\":\"News Test\",\"headline\":\"Council funds the new bridge\"}</script>";
        var matching = Extract($"<html><head><title>Council funds the new bridge - News Test</title>{ld}</head><body><p>Some text of the story, long enough to count.</p></body></html>").Metadata;
        Assert.Equal("Council funds the new bridge", matching.Title);
        var unrelated = Extract($"<html><head><title>Something else entirely here</title>{ld}</head><body><p>Some text of the story, long enough to count.</p></body></html>").Metadata;
        Assert.Equal("News Test", unrelated.Title);
    }

    [Fact]
    public void A_title_element_with_a_section_before_a_colon_keeps_the_headline_after_it_and_a_short_head_keeps_the_whole()
    {
        Assert.Equal("standalone WebAssembly binaries using Emscripten · V8",
            MetadataReader.TitleFromElement("Outside the web: standalone WebAssembly binaries using Emscripten · V8", [], []));
        Assert.Equal("New Zealand - Wikipedia", MetadataReader.TitleFromElement("New Zealand - Wikipedia", [], []));
        Assert.Equal("The council funds a new bridge", MetadataReader.TitleFromElement("Intro", [], ["The council funds a new bridge"]));
    }

    [Fact]
    public void The_content_language_header_is_language_evidence_after_the_page_s_own()
    {
        const string body = "<body><p>Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen.</p></body></html>";
        Assert.Equal("de", Analyze("<html><head></head>" + body, "de-DE, en").Metadata.LanguageDeclared);
        Assert.Equal("header", Analyze("<html><head></head>" + body, "de-DE, en").Metadata.Sources["language"]);
        Assert.Equal("fr", Analyze("<html lang=\"fr\"><head></head>" + body, "de").Metadata.LanguageDeclared);
        Assert.Null(Analyze("<html><head></head>" + body, null).Metadata.LanguageDeclared);
    }

    [Fact]
    public void An_embedded_post_in_a_box_classed_as_social_stays_and_a_share_bar_goes()
    {
        const string tweet = "Yes this is real and the state spent nearly half a million dollars on it";
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var html = $"<html><body><article><div class=\"article-body\">{paragraphs}"
            + $"<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>{tweet}: <a href=\"https://t.co/Nc0nKoXGBP\">https://t.co/Nc0nKoXGBP</a></p>"
            + "— Dianna (@dianna) <a href=\"https://twitter.com/dianna/status/1\">November 18, 2019</a></blockquote></div>"
            + "<div class=\"social-share\"><a href=\"https://facebook.com/share\">Share on Facebook</a> <a href=\"https://twitter.com/share\">Share on Twitter</a></div>"
            + "</div></article></body></html>";
        var text = Extract(html).Document.Text;
        Assert.Contains(tweet, text);
        Assert.DoesNotContain("Share on Facebook", text);
    }

    [Fact]
    public void A_line_that_is_a_web_address_written_out_stays_and_a_line_that_is_a_link_in_words_goes()
    {
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var html = $"<html><body><article><div class=\"article-body\">{paragraphs}"
            + "<p>1) The bridge model kit, scale 1:100<br><a href=\"http://amzn.to/2iJFhRj\">http://amzn.to/2iJFhRj</a></p>"
            + "<p><a href=\"http://shop.test/bridge\">Buy the bridge model kit in our shop</a></p>"
            + "</div></article></body></html>";
        var lines = Extract(html).Document.Text.Split('\n');
        Assert.Contains("http://amzn.to/2iJFhRj", lines);
        Assert.DoesNotContain("Buy the bridge model kit in our shop", lines);
    }

    [Fact]
    public void A_related_stories_heading_that_opens_a_box_in_the_article_takes_the_teasers_under_it_along()
    {
        string[] teasers =
        [
            "The mayor opened a new park on the east side of the city, with a playground, a pond and a long path for runners.",
            "A local bakery won a national prize for its bread, and the owners said they would hire three more people next year.",
        ];
        var paragraphs = string.Concat(Body.Select(p => $"<p>{p}</p>"));
        var more = string.Concat(teasers.Select(p => $"<div class=\"card\"><p>{p}</p></div>"));
        var html = $"<html><body><div id=\"primary\"><article class=\"post\">{paragraphs}"
            + $"<div class=\"row\"><h3>You may also like</h3>{more}</div></article></div></body></html>";
        var result = Extract(html);
        Assert.Equal(Body, result.Document.Text.Split('\n'));
        Assert.Contains(result.Content.Dropped, d => d.Rule == "promo.related_section" && d.Text.Contains("bakery", StringComparison.Ordinal));
    }

    private static ExtractedArticle Analyze(string html, string? contentLanguage) =>
        new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default)).Analyze(new FetchedPage
        {
            Url = "http://news.test/world/2024/03/05/bridge.html", Status = 200, ContentType = "text/html", ContentLanguage = contentLanguage,
            Body = System.Text.Encoding.UTF8.GetBytes(html), FetchedAt = DateTimeOffset.UnixEpoch,
        });
}
