using Corpus.Core.Documents;
using Corpus.Extraction.Evaluation;
using Corpus.Extraction.Files;

namespace Corpus.Benchmarks;

/// <summary>
/// Real pages from a folder (<c>annotate --pages DIR</c>): every HTML file under it, gzip'd or not, read into memory in
/// name order. A page's URL is the one the folder's <c>ground-truth.json</c> gives for it (the extraction dev sets'
/// layout), since the language detector reads the country domain and the topic classifier the URL's section;
/// without one, a placeholder URL under <c>example.test</c> names the file.
/// </summary>
public sealed record NewsPageFolder(string Name, IReadOnlyList<FetchedPage> Pages)
{
    public static NewsPageFolder Read(string dir)
    {
        if (!Directory.Exists(dir)) throw new ArgumentException($"--pages {dir}: no such folder.");
        var full = Path.GetFullPath(dir).TrimEnd('/');
        var truthPath = Path.Combine(full, "ground-truth.json");
        var truth = File.Exists(truthPath) ? BenchmarkFiles.Read(truthPath) : [];
        var pages = HtmlFiles.Expand([full]).Select(f =>
        {
            var url = truth.TryGetValue(HtmlFiles.KeyOf(f), out var t) && t.Url is not null ? t.Url
                : "http://example.test/" + Path.GetRelativePath(full, f).Replace('\\', '/');
            return new FetchedPage
            {
                Url = url, Status = 200, ContentType = "text/html", Body = HtmlFiles.ReadBytes(f), FetchedAt = DateTimeOffset.UnixEpoch,
            };
        }).ToList();
        if (pages.Count == 0) throw new ArgumentException($"--pages {dir}: the folder holds no .html or .html.gz file.");
        return new NewsPageFolder(Path.GetFileName(full), pages);
    }
}
