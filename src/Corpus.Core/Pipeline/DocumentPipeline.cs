using System.Diagnostics;
using Corpus.Core.Documents;

namespace Corpus.Core.Pipeline;

/// <summary>
/// Extraction and the per-document steps for one page. Owns the bookkeeping so steps stay small: an exception in a
/// step fails that one document (with the step's name), never the build; each step's time is summed (over every
/// thread) for the per-step table.
/// </summary>
public sealed class DocumentPipeline(IPageExtractor extractor, IReadOnlyList<IDocumentStage> stages)
{
    public const string ExtractStep = "extract";

    private readonly long[] _ticks = new long[stages.Count + 1];
    private readonly long[] _seen = new long[stages.Count + 1];

    /// <summary>The steps in order: <c>extract</c>, then each stage by name.</summary>
    public IReadOnlyList<string> Steps { get; } = [ExtractStep, .. stages.Select(s => s.Name)];

    /// <summary>Per step: documents it looked at and the time spent in it, summed over threads (≈ CPU time for these CPU-bound steps).</summary>
    public IReadOnlyList<(string Step, long Documents, TimeSpan Time)> Timings =>
        Steps.Select((s, i) => (s, Interlocked.Read(ref _seen[i]), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[i])))).ToList();

    public Document Process(FetchedPage page)
    {
        if (page.Error is not null)
            return Document.FailedPage(page, page.Error);
        Document document;
        var start = Stopwatch.GetTimestamp();
        try
        {
            document = extractor.Extract(page);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Document.FailedPage(page, $"extract: {e.Message}");
        }
        finally
        {
            Tally(0, start);
        }
        for (var i = 0; i < stages.Count; i++)
        {
            if (!document.IsKept) break;
            var stage = stages[i];
            start = Stopwatch.GetTimestamp();
            try
            {
                document = stage.Process(document);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return document.Fail($"{stage.Name}: {e.Message}");
            }
            finally
            {
                Tally(i + 1, start);
            }
        }
        return document;
    }

    /// <summary>Runs every page through <see cref="Process"/> on all cores, giving the documents back in page order.</summary>
    public IAsyncEnumerable<Document> ProcessAsync(IAsyncEnumerable<FetchedPage> pages, int degree, CancellationToken ct) =>
        OrderedParallel.SelectAsync(pages, Process, degree, ct);

    private void Tally(int step, long start)
    {
        Interlocked.Add(ref _ticks[step], Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref _seen[step]);
    }
}
