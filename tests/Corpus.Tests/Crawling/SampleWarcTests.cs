using System.Security.Cryptography;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Warc;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

/// <summary>The sample goes through the crawler into WARC, and the WARC gives back what the site served; builds from it are identical.</summary>
public sealed class SampleWarcTests
{
    private static Recipe SampleInto(string workDir)
    {
        var recipe = RecipeLoader.Load(RepoPaths.SampleRecipe);
        recipe.Crawl.WorkDir = workDir;
        return recipe;
    }

    [Fact]
    public async Task The_sample_crawl_archives_every_sitemap_url_and_the_warc_reads_back_to_the_served_bytes()
    {
        using var work = new TempDir();
        var source = new CrawlSource(SampleInto(work.Path));
        var pages = await source.ReadAsync(CancellationToken.None).ToListAsync();

        var sitemap = File.ReadAllText(Path.Combine(RepoPaths.SampleSite, "sitemap.xml"));
        var listed = sitemap.Split("<loc>").Skip(1).Select(s => s[..s.IndexOf('<')]).Order().ToList();
        Assert.Equal(listed, pages.Select(p => p.Url).Order().ToList());
        Assert.NotEmpty(source.Crawl!.WarcFiles);
        foreach (var page in pages)
        {
            Assert.NotNull(page.WarcFile);
            Assert.NotNull(page.WarcOffset);
            var file = Path.Combine(RepoPaths.SampleSite, new Uri(page.Url).AbsolutePath.TrimStart('/'));
            if (File.Exists(file))
            {
                Assert.Null(page.Error);
                Assert.Equal(File.ReadAllBytes(file), page.Body.ToArray());
            }
            else Assert.Contains("HTTP 404", page.Error);
        }

        // The frontier agrees with the WARC, record by record.
        using var frontier = new CrawlFrontier(Path.Combine(source.Crawl.Directory, "frontier.sqlite"));
        var states = frontier.All().Where(e => e.Kind == UrlKind.Page).ToDictionary(e => e.Url);
        Assert.Equal(listed.Count, states.Count);
        foreach (var page in pages) Assert.Equal((states[page.Url].WarcFile, states[page.Url].WarcOffset), (page.WarcFile, page.WarcOffset));
        // The rss.xml every page links is read as a feed (crawl.linked_feeds, on by default): its items are all in the
        // sitemap, so it adds no page, and its channel link (the home page) is not an item.
        var feed = frontier.All().Single(e => e.Url == "http://kabarnusantara.test/rss.xml");
        Assert.Equal((UrlKind.Feed, UrlState.Done), (feed.Kind, feed.State));
        Assert.DoesNotContain(frontier.All(), e => e.Url == "http://kabarnusantara.test/");

        // Reading the files again gives the same pages, WARC-Date included.
        var again = await new WarcPageSource(source.Crawl.WarcFiles).ReadAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(pages.Select(Key), again.Select(Key));
    }

    private static string Key(Corpus.Core.Documents.FetchedPage p) =>
        $"{p.Url} {p.FinalUrl} {p.Status} {p.ContentType} {p.FetchedAt:O} {p.WarcFile} {p.WarcOffset} {p.Error} {Convert.ToHexString(SHA256.HashData(p.Body.Span))}";

    [Fact]
    public async Task Two_builds_from_the_same_warc_files_write_identical_shards_with_warc_provenance()
    {
        using var work = new TempDir();
        var crawl = new CrawlSource(SampleInto(work.Path));
        await foreach (var _ in crawl.ReadAsync(CancellationToken.None)) { }
        var warcDir = Path.GetDirectoryName(crawl.Crawl!.WarcFiles[0])!;

        var text = File.ReadAllText(RepoPaths.SampleRecipe);
        var sources = text[text.IndexOf("sources:", StringComparison.Ordinal)..text.IndexOf("crawl:", StringComparison.Ordinal)];
        var recipePath = work.File("corpus.yaml");
        File.WriteAllText(recipePath, text.Replace(sources, $"sources:\n  warc: [{Path.Combine(warcDir, "*.warc.gz")}]\n"));

        var first = await CliRunner.RunAsync("build", recipePath, "--out", work.File("a"));
        var second = await CliRunner.RunAsync("build", recipePath, "--out", work.File("b"));
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        // Every file of the release, not only the shards: manifest, card, charts, recipe copy.
        var releaseA = Path.Combine(work.File("a"), "1.0.0");
        var releaseB = Path.Combine(work.File("b"), "1.0.0");
        var files = Directory.GetFiles(releaseA, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(releaseA, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(releaseB, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(releaseB, f)).Order(StringComparer.Ordinal));
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(releaseA, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(releaseB, file))), $"{file} differs");
        foreach (var release in new[] { releaseA, releaseB })
        {
            var verify = await CliRunner.RunAsync("verify", release);
            Assert.True(verify.ExitCode == 0, verify.Error);
        }
        var data = DuckDb.Lit(Path.Combine(work.File("a"), "1.0.0", "*", "*.parquet"));
        Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) FROM {data} WHERE warc_file IS NULL OR warc_offset IS NULL"));
        Assert.Equal(32L, DuckDb.Scalar<long>($"SELECT count(*) FROM {data}"));
    }
}
