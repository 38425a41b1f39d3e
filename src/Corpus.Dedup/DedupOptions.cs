using Corpus.Core.Recipes;
using Corpus.Dedup.MinHash;

namespace Corpus.Dedup;

/// <summary>Immutable dedup settings, made from the recipe's <c>dedup:</c> section in one place.</summary>
public sealed record DedupOptions(
    bool Exact = true,
    bool Near = true,
    MinHashParameters? MinHash = null,
    bool RepeatedLines = true,
    int RepeatedLineMinDocs = DedupSettings.DefaultRepeatedLineMinDocs,
    int Tasks = DedupSettings.DefaultTasks,
    int SpillMb = DedupSettings.DefaultSpillMb,
    int? BufferRecords = null)
{
    public MinHashParameters MinHashParameters => MinHash ?? MinHashParameters.Default;

    public static DedupOptions From(DedupSettings s) => new(
        s.Exact, s.Near, new MinHashParameters(s.ShingleWords, s.Bands, s.Rows), s.RepeatedLines, s.RepeatedLineMinDocs, s.Tasks, s.SpillMb);

    /// <summary>Records one sort buffer may hold before it spills: the task's budget shared by its partitions.</summary>
    /// <remarks><see cref="BufferRecords"/> overrides it (tests force many small runs with it).</remarks>
    internal int RecordsPerBuffer(int recordSize) => BufferRecords ?? (int)Math.Max(1024, (long)SpillMb * 1024 * 1024 / recordSize / Math.Max(1, Tasks));
}
