using System.IO.Compression;
using System.Text.RegularExpressions;
using Corpus.Core.Documents;
using Corpus.Extraction;
using Corpus.Extraction.Evaluation;
using Corpus.Tests.Support;
using Corpus.Text.Promos;

namespace Corpus.Tests.Extraction;

/// <summary>
/// The real pages that motivated three rules of the extraction table, vendored under <c>DevPages/rule-pages/</c>
/// (ScrapingHub article-extraction-benchmark, MIT): each page scores with its rule and loses without it, so the rule
/// is tested on the page it was written for, on a fresh clone. Also: the parser's attribute filter
/// (<see cref="ParsedAttributes"/>) changes nothing on any vendored page.
/// </summary>
public sealed class RulePagesTests
{
    private static string Dir(string set) => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Extraction", "DevPages", set);

    private static FetchedPage Page(string set, string key, string url)
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(Dir(set), "html", key + ".html.gz")), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gz.CopyTo(bytes);
        return new FetchedPage { Url = url, Status = 200, ContentType = "text/html", Body = bytes.ToArray(), FetchedAt = DateTimeOffset.UnixEpoch };
    }

    private static ExtractionRules RulesWith(string setting, string value)
    {
        string table;
        using (var reader = Corpus.Core.Data.EmbeddedTable.Open(typeof(ExtractionRules).Assembly, "Corpus.Extraction.Data.extraction-table.tsv"))
            table = reader.ReadToEnd();
        var changed = Regex.Replace(table, $@"^setting\t{setting}\t[^\n]*$", $"setting\t{setting}\t{value}", RegexOptions.Multiline);
        Assert.NotEqual(table, changed);
        return ExtractionRules.Parse(new StringReader(changed));
    }

    private static ShingleScore Score(ExtractionRules rules, string key)
    {
        var truth = BenchmarkFiles.Read(Path.Combine(Dir("rule-pages"), "ground-truth.json"))[key];
        var document = new ArticleExtractor(rules, new PromoBlockClassifier(PromoRules.Default)).Extract(Page("rule-pages", key, truth.Url!));
        return ShingleScore.Compare(truth.ArticleBody, document.Text ?? "");
    }

    [Theory]
    // remember8090.it: lines that are one link written out as an address are the article's (recall 0.64 without).
    [InlineData("20b2b64916b00b25203c9f1bf14248922f4d522f18328e9f876cce116df0083e", "shown_address_lines", "0", "recall")]
    // nj.com: embedded tweets in boxes classed as social media are quotations (recall 0.70 without).
    [InlineData("3f65af7b6b98b1c9ae9a3e0d8a09a85600cdc44e26e4b3a6db96a31f4b1767e3", "embedded_quote_share", "2", "recall")]
    // mensagensreflexao.com.br: a related-stories heading takes its teaser box along (precision 0.20 without).
    [InlineData("b3c19dd5f0612d098788fa5173e491b3280da6226b492f8fe110f4ab1896cca8", "related_heading_closes_box", "0", "precision")]
    public void The_page_a_rule_was_written_for_scores_with_it_and_loses_without_it(string key, string setting, string off, string measure)
    {
        double Of(ShingleScore s) => measure == "recall" ? s.Recall : s.Precision;
        var with = Of(Score(ExtractionRules.Default, key));
        var without = Of(Score(RulesWith(setting, off), key));
        Assert.True(with >= 0.99, $"{measure} with {setting}: {with:0.000}");
        Assert.True(without <= with - 0.2, $"{measure} without {setting}: {without:0.000}, with: {with:0.000}");
    }

    [Theory]
    [InlineData("scrapinghub")]
    [InlineData("readability")]
    [InlineData("rule-pages")]
    public void Keeping_only_the_attributes_extraction_reads_changes_nothing_on_the_vendored_pages(string set)
    {
        var promos = new PromoBlockClassifier(PromoRules.Default);
        var filtered = new ArticleExtractor(ExtractionRules.Default, promos);
        var everything = new ArticleExtractor(ExtractionRules.Default, promos, 0.5, null, keepAllAttributes: true);
        var truth = BenchmarkFiles.Read(Path.Combine(Dir(set), "ground-truth.json"));
        Assert.NotEmpty(truth);
        foreach (var (key, page) in truth)
        {
            var fetched = Page(set, key, page.Url ?? "http://example.test/");
            var a = filtered.Analyze(fetched, explain: true);
            var b = everything.Analyze(fetched, explain: true);
            Assert.Equal(b.Document.Text, a.Document.Text);
            Assert.Equal((b.Document.Title, b.Document.Author, b.Document.Published, b.Document.Url, b.Document.LanguageDeclared, b.Document.ExclusionRule, b.Document.ExclusionValue),
                (a.Document.Title, a.Document.Author, a.Document.Published, a.Document.Url, a.Document.LanguageDeclared, a.Document.ExclusionRule, a.Document.ExclusionValue));
            Assert.Equal(b.Content.Dropped.Select(d => (d.Rule, d.Text)), a.Content.Dropped.Select(d => (d.Rule, d.Text)));
        }
    }
}
