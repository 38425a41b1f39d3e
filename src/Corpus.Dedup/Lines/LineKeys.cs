using Corpus.Dedup.Text;

namespace Corpus.Dedup.Lines;

/// <summary>A line's identity for repetition counting: its folded text, so "Ikuti terus…" matches whatever the case or punctuation.</summary>
public static class LineKeys
{
    /// <summary>The key of a line, or null when it folds to nothing (blank or punctuation only).</summary>
    public static UInt128? Of(string line)
    {
        var folded = TextFolding.Fold(line);
        return folded.Length == 0 ? null : Hashes.Of(folded);
    }
}
