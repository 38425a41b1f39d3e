using System.Globalization;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Serving;
using Corpus.Crawling.Warc;

namespace Corpus.Crawling;

/// <summary>
/// The recipe's sources as pages, always through WARC: the web sources (seeds, sitemaps, feeds) are crawled afresh
/// into <c>&lt;crawl.work_dir&gt;/builds/&lt;version&gt;-&lt;time&gt;/</c> (local <c>sources.serve</c> folders answered from
/// loopback), then that crawl's WARC files and any <c>sources.warc</c> files are read back. So a build from a crawl and
/// a build from its WARC files see the same pages, and every URL the crawl knew is one page, failed or not.
/// </summary>
public sealed class CrawlSource(Recipe recipe, TimeProvider? clock = null, string software = "Corpus") : IPageSource
{
    /// <summary>The crawl this source ran (null before it ran, or when the recipe has only WARC sources).</summary>
    public CrawlSummary? Crawl { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<string> ArchiveFiles { get; private set; } = [];

    public bool HasWebSources => recipe.Sources.Seeds.Count + recipe.Sources.Sitemaps.Count + recipe.Sources.Feeds.Count > 0;

    public async IAsyncEnumerable<FetchedPage> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = new List<string>();
        if (recipe.Sources.Warc.Count > 0) files.AddRange(WarcPageSource.Expand(recipe.Sources.Warc, recipe.ResolvePath));
        if (HasWebSources)
        {
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
            var dir = Path.Combine(recipe.ResolvePath(recipe.Crawl.WorkDir), "builds", $"{recipe.Version}-{stamp}-{Guid.NewGuid().ToString("N")[..6]}");
            Crawl = await RunCrawlAsync(recipe, dir, recrawl: false, clock, software, null, cancellationToken);
            files.AddRange(Crawl.WarcFiles);
        }
        ArchiveFiles = files.Select(Path.GetFullPath).ToList();
        var source = new WarcPageSource(files, (long)(recipe.Crawl.MaxDecodedMb * 1024 * 1024));
        await foreach (var page in source.ReadAsync(cancellationToken)) yield return page;
    }

    /// <summary>Runs (or resumes) the recipe's crawl in <paramref name="directory"/>, serving its local sites meanwhile.</summary>
    public static Task<CrawlSummary> RunCrawlAsync(Recipe recipe, string directory, bool recrawl, TimeProvider? clock, string software,
        Action<WebCrawler>? started, CancellationToken ct) =>
        RunCrawlAsync(recipe, CrawlOptions.FromRecipe(recipe, software), directory, recrawl, clock, started, ct);

    /// <summary>
    /// Runs (or resumes) a crawl with <paramref name="options"/> made from the recipe (one task of a partitioned crawl
    /// adds its host ownership and handed-over URLs) in <paramref name="directory"/>, serving the recipe's local sites meanwhile.
    /// </summary>
    public static async Task<CrawlSummary> RunCrawlAsync(Recipe recipe, CrawlOptions options, string directory, bool recrawl, TimeProvider? clock,
        Action<WebCrawler>? started, CancellationToken ct)
    {
        var servers = new List<StaticSiteServer>();
        var hosts = new HostMap();
        try
        {
            foreach (var site in recipe.Sources.Serve)
            {
                var server = new StaticSiteServer(recipe.ResolvePath(site.Dir));
                servers.Add(server);
                hosts.Add(site.Host, server.EndPoint, trusted: true);
            }
            var crawler = new WebCrawler(options, directory, hosts, clock);
            started?.Invoke(crawler);
            return await crawler.RunAsync(recrawl, ct);
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }
}
