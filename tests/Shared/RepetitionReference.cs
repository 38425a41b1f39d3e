namespace Corpus.Testing;

/// <summary>
/// The Gopher repetition measures as first written: a string per n-gram and per segment. The test suite holds the
/// stage's hashed implementation to these values, and the gopher benchmark runs them as its "before"; both compile
/// this one file.
/// </summary>
internal static class RepetitionReference
{
    public static double? TopNgram(string text, IReadOnlyList<string> words, int n)
    {
        if (words.Count < n || text.Length == 0) return null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= words.Count; i++)
        {
            var gram = string.Join(' ', words.Skip(i).Take(n));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        var top = counts.Where(kv => kv.Value > 1).Select(kv => (long)kv.Key.Length * kv.Value).DefaultIfEmpty(0).Max();
        return (double)top / text.Length;
    }

    public static double? DuplicateNgram(string text, IReadOnlyList<string> words, int n)
    {
        if (words.Count < n || text.Length == 0) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long repeated = 0;
        var i = 0;
        while (i + n <= words.Count)
        {
            var gram = string.Join(' ', words.Skip(i).Take(n));
            if (seen.Add(gram)) { i++; continue; }
            repeated += gram.Length;
            i += n;
        }
        return Math.Min(1.0, (double)repeated / text.Length);
    }

    /// <summary>Duplicate paragraphs (or lines): their share of segments, or of characters.</summary>
    public static double? Segments(string text, bool paragraphs, bool byCharacters)
    {
        if (text.Length == 0) return null;
        var segments = paragraphs ? text.Trim().Split("\n\n", StringSplitOptions.RemoveEmptyEntries) : text.Split('\n');
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int dups = 0, dupChars = 0;
        foreach (var s in segments)
        {
            if (seen.Add(s)) continue;
            dups++;
            dupChars += s.Length;
        }
        return byCharacters ? (double)dupChars / text.Length : segments.Length == 0 ? 0 : (double)dups / segments.Length;
    }
}
