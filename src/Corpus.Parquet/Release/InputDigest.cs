using System.Security.Cryptography;
using System.Text;
using Corpus.Core.Documents;

namespace Corpus.Parquet.Release;

/// <summary>
/// What the release was built from. With WARC input, each WARC file's size and sha256; always, a digest of the
/// crawl summary (every input page's fetched URL, fetch time and WARC position, one line each in build order), so two
/// releases can be told apart by their inputs without the raw pages.
/// </summary>
public sealed record InputDigest(long Pages, string CrawlSummarySha256, IReadOnlyList<ReleaseFile> WarcFiles)
{
    /// <param name="archiveFiles">Full paths of the WARC files read; rows name them by file name only, so releases built on
    /// different machines agree.</param>
    public static InputDigest From(IEnumerable<Document> documents, IReadOnlyList<string> archiveFiles, Func<string, string> resolvePath)
    {
        using var builder = new Builder();
        foreach (var d in documents) builder.Add(d);
        return builder.ToDigest(archiveFiles, resolvePath);
    }

    /// <summary>
    /// The digest built up one document at a time as the rows stream past in build order: the summary lines are hashed
    /// as they come (nothing is held but the set of WARC file names), so its memory does not grow with the corpus.
    /// </summary>
    public sealed class Builder : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly SortedSet<string> _warcFiles = new(StringComparer.Ordinal);
        private long _pages;

        public void Add(Document d)
        {
            var line = $"{(_pages == 0 ? "" : "\n")}{d.SourceUrl}\t{d.FetchedAt?.UtcDateTime:O}\t{d.WarcFile}\t{d.WarcOffset}";
            _hash.AppendData(Encoding.UTF8.GetBytes(line));
            _pages++;
            if (d.WarcFile is not null) _warcFiles.Add(d.WarcFile);
        }

        public InputDigest ToDigest(IReadOnlyList<string> archiveFiles, Func<string, string> resolvePath)
        {
            var byName = archiveFiles.GroupBy(Path.GetFileName).ToDictionary(g => g.Key!, g => g.First(), StringComparer.Ordinal);
            var warcs = _warcFiles
                .Select(name =>
                {
                    var path = byName.TryGetValue(name, out var known) ? known : Path.IsPathRooted(name) ? name : resolvePath(name);
                    if (!File.Exists(path)) return new ReleaseFile(name, -1, "");
                    return new ReleaseFile(name, new FileInfo(path).Length, Writing.ParquetTableWriter.Sha256Of(path));
                })
                .ToList();
            return new InputDigest(_pages, Convert.ToHexStringLower(_hash.GetCurrentHash()), warcs);
        }

        public void Dispose() => _hash.Dispose();
    }
}
