namespace Corpus.Dedup;

/// <summary>One document as dedup sees it. <see cref="Index"/> is its 0-based position in the input.</summary>
public sealed record DedupInput(long Index, string Id, string Text, string? Url, string Host, DateTimeOffset? Published, object? Payload = null);

/// <summary>What dedup decided for one document.</summary>
public sealed record DedupVerdict(DedupInput Input, string Text, int LinesRemoved, string? DuplicateOf, string? Cluster, int ClusterSize)
{
    public bool IsDuplicate => DuplicateOf is not null;
}

/// <summary>
/// A corpus dedup can read in slices: task i of N reads the documents whose index is i modulo N, so every task
/// sees a deterministic share and output part i holds input rows i, i+N, i+2N, …
/// </summary>
public interface IDedupSource
{
    IEnumerable<DedupInput> Slice(int task, int tasks);

    /// <summary>
    /// The same documents as <see cref="Slice"/>, for stages that read only their fields: a source may leave out the
    /// <see cref="DedupInput.Payload"/> (which only the filter stage writes back).
    /// </summary>
    IEnumerable<DedupInput> SliceFields(int task, int tasks) => Slice(task, tasks);
}

/// <summary>Documents already in memory (the build).</summary>
public sealed class ListDedupSource(IReadOnlyList<DedupInput> documents) : IDedupSource
{
    public IEnumerable<DedupInput> Slice(int task, int tasks)
    {
        for (var i = task; i < documents.Count; i += tasks) yield return documents[i];
    }
}
