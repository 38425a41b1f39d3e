using System.ComponentModel.DataAnnotations;

namespace Corpus.Core.Recipes;

/// <summary>
/// The <c>dedup:</c> section: exact, near-duplicate (MinHash LSH) and repeated-line removal, and how the work is split.
/// The constants are the defaults, for the dedup stage's own options, whose parameters need constants.
/// </summary>
[Step("dedup")]
public sealed record DedupSettings
{
    public const int DefaultShingleWords = 5, DefaultBands = 14, DefaultRows = 8, DefaultRepeatedLineMinDocs = 5, DefaultTasks = 2, DefaultSpillMb = 64;

    /// <summary>Documents whose normalised text is identical (or whose canonical URL is the same) are one document.</summary>
    public bool Exact { get; init; } = true;

    /// <summary>Near duplicates by MinHash LSH over word shingles of the normalised text.</summary>
    public bool Near { get; init; } = true;

    /// <summary>Words per shingle.</summary>
    [Range(1, 32)]
    public int ShingleWords { get; init; } = DefaultShingleWords;

    /// <summary>LSH bands; two documents are candidates when all rows of any band agree.</summary>
    [Range(1, 1024)]
    public int Bands { get; init; } = DefaultBands;

    /// <summary>MinHash values per band (bands × rows permutations in all, at most <see cref="MaxPermutations"/>).</summary>
    [Range(1, 1024)]
    public int Rows { get; init; } = DefaultRows;

    /// <summary>Remove lines that occur in many documents of the same host (site boilerplate that survived extraction).</summary>
    public bool RepeatedLines { get; init; } = true;

    /// <summary>A line is boilerplate when at least this many documents of one host contain it.</summary>
    [Range(2, int.MaxValue)]
    public int RepeatedLineMinDocs { get; init; } = DefaultRepeatedLineMinDocs;

    /// <summary>Slices the work is split into (task i of N); the local runner runs them on this many workers.</summary>
    [Range(1, 256)]
    public int Tasks { get; init; } = DefaultTasks;

    /// <summary>Memory for sort buffers per task before a sorted run is spilled to disk.</summary>
    [Range(1, int.MaxValue)]
    public int SpillMb { get; init; } = DefaultSpillMb;

    /// <summary>Most MinHash permutations (bands × rows).</summary>
    public const int MaxPermutations = 1024;
}
