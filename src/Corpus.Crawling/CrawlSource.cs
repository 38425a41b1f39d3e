using System.Threading.Channels;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Crawling.Discovery;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Serving;

namespace Corpus.Crawling;

/// <summary>
/// The recipe's web sources as pages: serves local sites, reads sitemaps and feeds, fetches every discovered page
/// on an allowed host (seeds included) with bounded concurrency. Each discovered URL yields exactly one page,
/// failed or not, so the build can account for it.
/// </summary>
public sealed class CrawlSource(Recipe recipe, TimeProvider? clock = null) : IPageSource
{
    public async IAsyncEnumerable<FetchedPage> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var servers = new List<StaticSiteServer>();
        var hosts = new HostMap();
        try
        {
            foreach (var site in recipe.Sources.Serve)
            {
                var server = new StaticSiteServer(recipe.ResolvePath(site.Dir));
                servers.Add(server);
                hosts.Add(site.Host, server.EndPoint);
            }
            using var fetcher = new PageFetcher(UserAgent(), TimeSpan.FromSeconds(recipe.Crawl.TimeoutSeconds), hosts, clock);
            var urls = await DiscoverAsync(fetcher, cancellationToken);

            var channel = Channel.CreateUnbounded<FetchedPage>();
            var producer = Task.Run(async () =>
            {
                try
                {
                    await Parallel.ForEachAsync(urls, new ParallelOptions
                    {
                        MaxDegreeOfParallelism = recipe.Crawl.Concurrency,
                        CancellationToken = cancellationToken,
                    }, async (url, ct) => await channel.Writer.WriteAsync(await fetcher.FetchAsync(url, ct), ct));
                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            }, cancellationToken);
            await foreach (var page in channel.Reader.ReadAllAsync(cancellationToken))
                yield return page;
            await producer;
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }

    private string UserAgent() =>
        string.IsNullOrEmpty(recipe.Crawl.ContactUrl) ? recipe.Crawl.UserAgent : $"{recipe.Crawl.UserAgent} (+{recipe.Crawl.ContactUrl})";

    private async Task<List<string>> DiscoverAsync(PageFetcher fetcher, CancellationToken ct)
    {
        var allowed = new HashSet<string>(recipe.Crawl.AllowedHosts, StringComparer.OrdinalIgnoreCase);
        var sources = recipe.Sources;
        if (allowed.Count == 0)
            foreach (var u in sources.Seeds.Concat(sources.Sitemaps).Concat(sources.Feeds))
                allowed.Add(new Uri(u).Host);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        void Add(string url)
        {
            if (UrlNormalizer.Normalize(url) is not { } normal) return;
            if (!allowed.Contains(new Uri(normal).Host)) return;
            if (ordered.Count < recipe.Crawl.MaxPages && seen.Add(normal)) ordered.Add(normal);
        }

        foreach (var seed in sources.Seeds) Add(seed);
        var sitemapQueue = new Queue<string>(sources.Sitemaps);
        var sitemapsRead = new HashSet<string>();
        while (sitemapQueue.TryDequeue(out var sitemapUrl))
        {
            if (!sitemapsRead.Add(sitemapUrl) || sitemapsRead.Count > 1000) continue;
            var xml = await fetcher.FetchTextAsync(sitemapUrl, ct)
                ?? throw new CorpusUserException($"Sitemap {sitemapUrl} could not be fetched.");
            Sitemap sitemap;
            try { sitemap = SitemapReader.Parse(xml, sitemapUrl); }
            catch (System.Xml.XmlException e) { throw new CorpusUserException($"Sitemap {sitemapUrl} is not valid XML: {e.Message}", e); }
            foreach (var child in sitemap.ChildSitemaps) sitemapQueue.Enqueue(child);
            foreach (var page in sitemap.Pages) Add(page);
        }
        foreach (var feedUrl in sources.Feeds)
        {
            var xml = await fetcher.FetchTextAsync(feedUrl, ct)
                ?? throw new CorpusUserException($"Feed {feedUrl} could not be fetched.");
            try { foreach (var link in FeedReader.Parse(xml, feedUrl)) Add(link); }
            catch (System.Xml.XmlException e) { throw new CorpusUserException($"Feed {feedUrl} is not valid XML: {e.Message}", e); }
        }
        return ordered;
    }
}
