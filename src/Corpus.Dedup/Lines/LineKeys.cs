using Corpus.Dedup.Text;

namespace Corpus.Dedup.Lines;

/// <summary>A line's identity for repetition counting: its folded text, so "Ikuti terus…" matches whatever the case or punctuation.</summary>
public static class LineKeys
{
    /// <summary>The key of a line, or null when it folds to nothing (blank or punctuation only).</summary>
    public static UInt128? Of(ReadOnlySpan<char> line)
    {
        var key = Hashes.Folded(line, out var empty);
        return empty ? null : key;
    }

    public static UInt128? Of(string line) => Of(line.AsSpan());
}
