using Corpus.Core.Documents;

namespace Corpus.Core.Pipeline;

/// <summary>Produces raw pages: a live crawl, WARC files, local files.</summary>
public interface IPageSource
{
    IAsyncEnumerable<FetchedPage> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Full paths of the archive (WARC) files the pages were read from, once reading is done; the release digests them.</summary>
    IReadOnlyList<string> ArchiveFiles => [];
}

/// <summary>Turns a raw page into a document (text and metadata). May return an excluded or failed document.</summary>
public interface IPageExtractor
{
    Document Extract(FetchedPage page);
}

/// <summary>
/// A step that looks at one document at a time (clean, annotate, filter). It only sees kept documents and returns
/// the document, changed or marked excluded.
/// </summary>
public interface IDocumentStage
{
    string Name { get; }
    Document Process(Document document);
}

/// <summary>A step that needs every document at once (deduplication). Receives kept documents sorted by id.</summary>
public interface ICorpusStage
{
    string Name { get; }
    IReadOnlyList<Document> Process(IReadOnlyList<Document> documents);
}
