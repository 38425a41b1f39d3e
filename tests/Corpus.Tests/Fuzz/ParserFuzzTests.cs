using System.IO.Compression;
using System.Text;
using System.Xml;
using Corpus.Text.Promos;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Jsonl;
using Corpus.Core.Recipes;
using Corpus.Crawling.Discovery;
using Corpus.Crawling.Robots;
using Corpus.Crawling.Warc;
using Corpus.Extraction;
using Corpus.Tests.Support;
using CsCheck;

namespace Corpus.Tests.Fuzz;

/// <summary>
/// Seeded property runs over the parsers that meet untrusted bytes: each gets random and mutated inputs (a real sample
/// page, sitemap, WARC record, recipe with bytes cut, inserted, overwritten) and must either succeed or fail with its
/// documented, clear error: never another exception. <c>CORPUS_FUZZ_SCALE=N</c> multiplies the case counts for a
/// longer campaign (<c>dotnet test Corpus.sln --filter Category=Fuzz</c>).
/// </summary>
[Trait(TestCategory.Name, "Fuzz")]
public sealed class ParserFuzzTests
{
    private const string Seed = "0000000000001";
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("CORPUS_FUZZ_SCALE"), out var s) && s > 0 ? s : 1;

    private static void Run<T>(Gen<T> gen, Action<T> property, int iterations) =>
        gen.Sample(property, seed: Seed, iter: iterations * Scale, threads: 1);

    private static byte[] SamplePage => File.ReadAllBytes(Path.Combine(RepoPaths.SampleSite, "dunia", "2023", "08", "iran-rusia-sepakat-tingkatkan-kerja-sama-militer.html"));
    private static byte[] SampleSitemap => File.ReadAllBytes(Path.Combine(RepoPaths.SampleSite, "sitemap.xml"));

    /// <summary>A base input with one of: cut at a position, bytes inserted, bytes overwritten, a range deleted; or random bytes.</summary>
    private static Gen<byte[]> Mutated(byte[] basis) =>
        Gen.Frequency(
            (1, Gen.Byte.Array[0, 2048]),
            (4, Gen.Select(Gen.Int[0, basis.Length], Gen.Int[0, 3], Gen.Byte.Array[1, 64], (at, op, chunk) => op switch
            {
                0 => basis[..at],
                1 => [.. basis[..at], .. chunk, .. basis[at..]],
                2 => [.. basis[..at], .. chunk, .. basis[Math.Min(basis.Length, at + chunk.Length)..]],
                _ => [.. basis[..at], .. basis[Math.Min(basis.Length, at + chunk.Length * 8)..]],
            })));

    private static Gen<string> MutatedText(string basis) =>
        Gen.Frequency(
            (1, Gen.String[0, 512]),
            (4, Gen.Select(Gen.Int[0, basis.Length], Gen.Int[0, 3], Gen.String[1, 32], (at, op, chunk) => op switch
            {
                0 => basis[..at],
                1 => basis[..at] + chunk + basis[at..],
                2 => basis[..at] + chunk + basis[Math.Min(basis.Length, at + chunk.Length)..],
                _ => basis[..at] + basis[Math.Min(basis.Length, at + chunk.Length * 4)..],
            })));

    [Fact]
    public void Html_extraction_never_throws_on_mutated_pages()
    {
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default));
        Run(Mutated(SamplePage), bytes =>
        {
            var page = new FetchedPage { Url = "http://kabarnusantara.test/a.html", Status = 200, ContentType = "text/html", Body = bytes, FetchedAt = DateTimeOffset.UnixEpoch };
            var document = extractor.Extract(page);
            Assert.True(document.Disposition != Disposition.Failed || !string.IsNullOrWhiteSpace(document.Error));
        }, 300);
    }

    [Fact]
    public void Charset_detection_never_throws_and_counts_no_more_bad_sequences_than_bytes()
    {
        string?[] types = [null, "text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1", "text/html; charset=shift_jis", "text/html; charset=bogus", "text/html; charset="];
        var contentTypes = Gen.Int[0, types.Length - 1].Select(i => types[i]);
        Run(Gen.Select(Mutated(SamplePage[..2048]), contentTypes), t =>
        {
            var decoded = CharsetDecoder.DecodeCounted(t.Item1, t.Item2);
            Assert.InRange(decoded.InvalidSequences, 0, t.Item1.Length);
            Assert.False(string.IsNullOrEmpty(decoded.Charset));
        }, 3000);
    }

    [Fact]
    public void Robots_txt_parsing_never_throws()
    {
        const string robots = "User-agent: *\nDisallow: /cari/\nAllow: /cari/ok\nCrawl-delay: 2\nSitemap: http://a.test/sitemap.xml\n\nUser-agent: CorpusBot\nDisallow: /private*$\n";
        Run(MutatedText(robots), text =>
        {
            var rules = RobotsTxt.Parse(text, "CorpusBot/0.1");
            rules.Allows("/cari/x");
            rules.Allows("/private/x");
        }, 3000);
    }

    [Fact]
    public void Sitemaps_and_feeds_parse_or_fail_with_an_xml_error()
    {
        var feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><link>http://a.test/1</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item></channel></rss>";
        Run(Gen.Select(Mutated(SampleSitemap), MutatedText(feed)), t =>
        {
            try { SitemapReader.Parse(SitemapReader.Text(t.Item1, 1 << 20), "http://kabarnusantara.test/sitemap.xml"); }
            catch (XmlException) { }
            catch (InvalidDataException) { }
            try { FeedReader.ParseEntries(t.Item2, "http://a.test/feed"); }
            catch (XmlException) { }
        }, 2000);
    }

    [Fact]
    public void Warc_reading_of_mutated_and_truncated_records_gives_records_or_a_format_error()
    {
        using var dir = new TempDir();
        var body = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 21\r\n\r\n<html><p>hi</p></html>");
        var head = Encoding.ASCII.GetBytes($"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.test/\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {body.Length}\r\n\r\n");
        byte[] record = [.. head, .. body, .. "\r\n\r\n"u8.ToArray()];
        var n = 0;
        Run(Gen.Select(Mutated([.. record, .. record]), Gen.Bool), t =>
        {
            var (bytes, gzip) = t;
            var path = Path.Combine(dir.Path, $"{n++}.warc" + (gzip ? ".gz" : ""));
            if (gzip)
            {
                using var file = File.Create(path);
                using var gz = new GZipStream(file, CompressionLevel.Fastest);
                gz.Write(bytes);
            }
            else File.WriteAllBytes(path, bytes);
            try
            {
                foreach (var r in WarcReader.Read(path)) WarcPageSource.ToPage(r, 1 << 20);
            }
            catch (WarcFormatException e)
            {
                Assert.Contains(Path.GetFileName(path), e.Message);
            }
            File.Delete(path);
        }, 1000);
    }

    [Fact]
    public void Recipe_yaml_loads_or_fails_with_a_recipe_error()
    {
        var recipe = File.ReadAllText(RepoPaths.SampleRecipe);
        Run(MutatedText(recipe), text =>
        {
            try { RecipeLoader.Parse(text, "corpus.yaml"); }
            catch (RecipeException e)
            {
                Assert.StartsWith("corpus.yaml", e.Message);
                Assert.DoesNotContain("Operation is not valid", e.Message);
            }
        }, 1500);
    }

    [Fact]
    public void Json_lines_parse_or_fail_naming_the_line()
    {
        const string line = """{"id":"a","text":"Kopi di Jakarta \u00e9 \"quoted\"","language":"id","published":"2024-01-01T00:00:00Z"}""";
        Run(MutatedText(line), text =>
        {
            try
            {
                var obj = JsonLines.ParseObject(text, "in.jsonl", 7);
                JsonLines.OptionalString(obj, "language", "in.jsonl", 7);
                JsonLines.RequireString(obj, "id", "in.jsonl", 7);
            }
            catch (CorpusUserException e)
            {
                Assert.StartsWith("in.jsonl line 7:", e.Message);
            }
        }, 3000);
    }
}
