using System.Security.Cryptography;
using System.Text;
using Corpus.Core.Documents;

namespace Corpus.Parquet.Release;

/// <summary>
/// What the release was built from. With WARC input, each WARC file's size and sha256; always, a digest of the
/// crawl summary (every input page's fetched URL, fetch time and WARC position, in order), so two releases can be
/// told apart by their inputs without the raw pages.
/// </summary>
public sealed record InputDigest(long Pages, string CrawlSummarySha256, IReadOnlyList<ReleaseFile> WarcFiles)
{
    /// <param name="archiveFiles">Full paths of the WARC files read; rows name them by file name only, so releases built on
    /// different machines agree.</param>
    public static InputDigest From(IEnumerable<Document> documents, IReadOnlyList<string> archiveFiles, Func<string, string> resolvePath)
    {
        var byName = archiveFiles.GroupBy(Path.GetFileName).ToDictionary(g => g.Key!, g => g.First(), StringComparer.Ordinal);
        var lines = documents
            .Select(d => $"{d.SourceUrl}\t{d.FetchedAt.UtcDateTime:O}\t{d.WarcFile}\t{d.WarcOffset}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var summary = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
        var warcs = documents.Select(d => d.WarcFile).OfType<string>().Distinct().Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var path = byName.TryGetValue(name, out var known) ? known : Path.IsPathRooted(name) ? name : resolvePath(name);
                if (!File.Exists(path)) return new ReleaseFile(name, -1, "");
                return new ReleaseFile(name, new FileInfo(path).Length, Writing.ParquetTableWriter.Sha256Of(path));
            })
            .ToList();
        return new InputDigest(lines.Count, summary, warcs);
    }
}
