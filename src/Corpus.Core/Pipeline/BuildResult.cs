using Corpus.Core.Documents;

namespace Corpus.Core.Pipeline;

/// <summary>
/// What the release writer publishes: every document with its disposition, in build order, and the accounting.
/// <see cref="Documents"/> may be a view over part files on disk that reads them again on every enumeration, so
/// nothing here needs the corpus in memory.
/// </summary>
/// <param name="ArchiveFiles">Full paths of the WARC files the source read, for the release's input digests.</param>
public sealed record BuildResult(IReadOnlyList<Document> Documents, BuildReport Report, IReadOnlyList<string>? ArchiveFiles = null)
{
    public IEnumerable<Document> Kept => Documents.Where(d => d.IsKept);
    public IEnumerable<Document> NotKept => Documents.Where(d => !d.IsKept);
}

/// <summary>The order of the build's rows: by id, then by fetched URL (two fetched URLs can share a canonical id).</summary>
public static class BuildOrder
{
    public static int Compare(Document a, Document b) =>
        string.CompareOrdinal(a.Id, b.Id) is var c && c != 0 ? c : string.CompareOrdinal(a.SourceUrl, b.SourceUrl);

    public static readonly IComparer<Document> Comparer = Comparer<Document>.Create(Compare);
}
