using Corpus.Core.Documents;

namespace Corpus.Core.Pipeline;

/// <summary>The result of running the stages: every document with its disposition, in id order, and the accounting.</summary>
/// <param name="ArchiveFiles">Full paths of the WARC files the source read, for the release's input digests.</param>
public sealed record BuildResult(IReadOnlyList<Document> Documents, BuildReport Report, IReadOnlyList<string>? ArchiveFiles = null)
{
    public IEnumerable<Document> Kept => Documents.Where(d => d.IsKept);
    public IEnumerable<Document> NotKept => Documents.Where(d => !d.IsKept);
}

/// <summary>
/// Runs source → extract → per-document stages → corpus stages. Owns the bookkeeping so stages stay small:
/// an exception in a stage fails that one document (with the stage's name), never the build.
/// </summary>
public sealed class BuildRunner(
    IPageSource source,
    IPageExtractor extractor,
    IReadOnlyList<IDocumentStage> documentStages,
    IReadOnlyList<ICorpusStage> corpusStages)
{
    public event Action<Document>? DocumentProcessed;

    public async Task<BuildResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var documents = new List<Document>();
        var input = 0;
        await foreach (var page in source.ReadAsync(cancellationToken))
        {
            input++;
            var document = Process(page);
            documents.Add(document);
            DocumentProcessed?.Invoke(document);
        }

        // Crawl order depends on timing; everything after this point sees a deterministic order.
        documents.Sort(Order);

        foreach (var stage in corpusStages)
        {
            var kept = documents.Where(d => d.IsKept).ToList();
            IReadOnlyList<Document> processed;
            try
            {
                processed = stage.Process(kept);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"Stage '{stage.Name}' failed: {e.Message}", e);
            }
            if (processed.Count != kept.Count)
                throw new InvalidOperationException($"Stage '{stage.Name}' returned {processed.Count} documents for {kept.Count}: stages must account for every document.");
            var byPosition = 0;
            for (var i = 0; i < documents.Count; i++)
                if (documents[i].IsKept) documents[i] = processed[byPosition++];
        }

        return new BuildResult(documents, BuildReport.From(input, documents), source.ArchiveFiles);
    }

    /// <summary>The order of the build's rows: by id, then by fetched URL (two fetched URLs can share a canonical id).</summary>
    public static int Order(Document a, Document b) =>
        string.CompareOrdinal(a.Id, b.Id) is var c && c != 0 ? c : string.CompareOrdinal(a.SourceUrl, b.SourceUrl);

    /// <summary>Extracts one page and runs the per-document stages on it (what a scaled-out build's process task does per page).</summary>
    public Document Process(FetchedPage page)
    {
        if (page.Error is not null)
            return Document.FailedPage(page, page.Error);
        Document document;
        try
        {
            document = extractor.Extract(page);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Document.FailedPage(page, $"extract: {e.Message}");
        }
        foreach (var stage in documentStages)
        {
            if (!document.IsKept) break;
            try
            {
                document = stage.Process(document);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return document.Fail($"{stage.Name}: {e.Message}");
            }
        }
        return document;
    }
}
