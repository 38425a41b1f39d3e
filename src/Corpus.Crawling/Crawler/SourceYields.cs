using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Warc;

namespace Corpus.Crawling.Crawler;

/// <summary>
/// How many pages each source of a recipe gave a build, read from the crawl's frontier (a page found through a
/// sitemap or feed counts for it, through any depth of child sitemaps) and from the documents' WARC files.
/// </summary>
public static class SourceYields
{
    public static IReadOnlyList<SourceYield> Of(Recipe recipe, CrawlSummary? crawl, IEnumerable<Document> documents)
    {
        var yields = new List<SourceYield>();
        if (crawl is not null) yields.AddRange(OfCrawl(recipe, crawl.Directory));
        if (recipe.Sources.Warc.Count > 0)
        {
            var pagesByFile = documents.Where(d => d.WarcFile is not null)
                .GroupBy(d => Path.GetFileName(d.WarcFile!), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var entry in recipe.Sources.Warc)
            {
                var files = WarcPageSource.Expand([entry], recipe.ResolvePath);
                var pages = files.Sum(f => pagesByFile.GetValueOrDefault(Path.GetFileName(f)));
                yields.Add(new SourceYield("warc", entry, pages, pages == 0 ? $"{files.Count} file(s) with no HTTP response record" : null));
            }
        }
        return yields;
    }

    /// <summary>The web sources (sitemaps, feeds, seeds) of a finished or stopped crawl in <paramref name="crawlDirectory"/>.</summary>
    public static IReadOnlyList<SourceYield> OfCrawl(Recipe recipe, string crawlDirectory)
    {
        var options = CrawlOptions.FromRecipe(recipe, "Corpus");
        List<FrontierEntry> all;
        using (var frontier = new CrawlFrontier(Path.Combine(crawlDirectory, "frontier.sqlite"))) all = [.. frontier.All()];
        var byUrl = all.ToDictionary(e => e.Url, StringComparer.Ordinal);
        var children = all.Where(e => e.DiscoveredFrom is not null).ToLookup(e => e.DiscoveredFrom!, StringComparer.Ordinal);

        int PagesThrough(string root)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { root };
            var queue = new Queue<string>([root]);
            var pages = 0;
            while (queue.TryDequeue(out var url))
                foreach (var child in children[url])
                {
                    if (!seen.Add(child.Url)) continue;
                    if (child.Kind == UrlKind.Page && child.State == UrlState.Done) pages++;
                    queue.Enqueue(child.Url);
                }
            return pages;
        }

        var yields = new List<SourceYield>();
        foreach (var (kind, sources) in new[] { ("sitemap", recipe.Sources.Sitemaps), ("feed", recipe.Sources.Feeds), ("seed", recipe.Sources.Seeds) })
            foreach (var source in sources)
            {
                var url = UrlNormalizer.Normalize(source);
                if (url is null) { yields.Add(new SourceYield(kind, source, 0, "not an http(s) URL")); continue; }
                if (options.OutOfScope(url) is { } why) { yields.Add(new SourceYield(kind, source, 0, why)); continue; }
                if (!byUrl.TryGetValue(url, out var entry)) { yields.Add(new SourceYield(kind, source, 0, "never fetched")); continue; }
                var pages = kind == "seed" ? (entry.State == UrlState.Done ? 1 : 0) : PagesThrough(url);
                yields.Add(new SourceYield(kind, source, pages, pages == 0 ? entry.LastError ?? (entry.State == UrlState.Done ? "no page URLs in it" : entry.State) : null));
            }
        return yields;
    }
}
