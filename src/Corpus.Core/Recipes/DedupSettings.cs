namespace Corpus.Core.Recipes;

/// <summary>The <c>dedup:</c> section: exact, near-duplicate (MinHash LSH) and repeated-line removal, and how the work is split.</summary>
public sealed class DedupSettings
{
    /// <summary>Documents whose normalised text is identical (or whose canonical URL is the same) are one document.</summary>
    public bool Exact { get; set; } = true;

    /// <summary>Near duplicates by MinHash LSH over word shingles of the normalised text.</summary>
    public bool Near { get; set; } = true;

    /// <summary>Words per shingle.</summary>
    public int ShingleWords { get; set; } = 5;

    /// <summary>LSH bands; two documents are candidates when all rows of any band agree.</summary>
    public int Bands { get; set; } = 14;

    /// <summary>MinHash values per band (bands × rows permutations in all).</summary>
    public int Rows { get; set; } = 8;

    /// <summary>Remove lines that occur in many documents of the same host (site boilerplate that survived extraction).</summary>
    public bool RepeatedLines { get; set; } = true;

    /// <summary>A line is boilerplate when at least this many documents of one host contain it.</summary>
    public int RepeatedLineMinDocs { get; set; } = 5;

    /// <summary>Slices the work is split into (task i of N); the local runner runs them on this many workers.</summary>
    public int Tasks { get; set; } = 2;

    /// <summary>Memory for sort buffers per task before a sorted run is spilled to disk.</summary>
    public int SpillMb { get; set; } = 64;
}
