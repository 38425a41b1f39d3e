namespace Corpus.Annotation.Language;

/// <summary>
/// Counts the words (and two-word phrases) of <c>Data/language-markers.tsv</c> in a text: per language, how many
/// places its spelling shows. A word listed for both languages of a pair cancels out and is dropped at load.
/// </summary>
public static class SpellingMarkers
{
    private const string File = "language-markers.tsv";
    private static readonly Dictionary<string, string> Words = Load();

    public static int WordCount => Words.Count;

    public static IReadOnlyDictionary<string, int> Count(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        var firstWords = FirstWords.GetAlternateLookup<ReadOnlySpan<char>>();
        // The current word and, before it, the previous one and a space: a two-word marker is looked up without a string.
        // previousLength is set only when the previous word begins some two-word marker.
        Span<char> buffer = stackalloc char[2 * MaxWord + 1];
        var previousLength = -1;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetter(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var length = i - start;
                var first = char.ToLowerInvariant(text[start]);
                // Most words cannot be a marker by their length and first letter alone; they are neither lowered nor looked up.
                var single = May(SingleStarts, length, first);
                var pairStart = May(PairStarts, length, first);
                if (length > MaxWord || (!single && !pairStart && previousLength < 0)) previousLength = -1;
                else
                {
                    var offset = previousLength >= 0 ? previousLength + 1 : 0;
                    var word = buffer.Slice(offset, length);
                    text.AsSpan(start, length).ToLowerInvariant(word);
                    if (single && lookup.TryGetValue(word, out var language)) counts[language] = counts.GetValueOrDefault(language) + 1;
                    if (previousLength >= 0 && lookup.TryGetValue(buffer[..(offset + length)], out var pairLanguage))
                        counts[pairLanguage] = counts.GetValueOrDefault(pairLanguage) + 1;
                    if (pairStart && firstWords.Contains(word))
                    {
                        word.CopyTo(buffer);
                        buffer[length] = ' ';
                        previousLength = length;
                    }
                    else previousLength = -1;
                }
                start = -1;
            }
            else if (!inWord && i < text.Length && text[i] is not (' ' or '-')) previousLength = -1;
        }
        return counts;
    }

    // For each word length, the first letters (a–z, bits 0–25) some marker of that length starts with; bit 26 stands
    // for any other first letter. Of two-word markers, the first words' lengths and letters, and the first words.
    private static readonly uint[] SingleStarts = Starts(Words.Keys.Where(w => !w.Contains(' ')));
    private static readonly uint[] PairStarts = Starts(Words.Keys.Where(w => w.Contains(' ')).Select(w => w[..w.IndexOf(' ')]));
    private static readonly HashSet<string> FirstWords = Words.Keys.Where(w => w.Contains(' ')).Select(w => w[..w.IndexOf(' ')]).ToHashSet(StringComparer.Ordinal);

    private static uint[] Starts(IEnumerable<string> words)
    {
        var starts = new uint[MaxWord + 1];
        foreach (var w in words)
            if (w.Length is > 0 and <= MaxWord) starts[w.Length] |= Bit(w[0]);
        return starts;
    }

    private static uint Bit(char lower) => lower is >= 'a' and <= 'z' ? 1u << (lower - 'a') : 1u << 26;

    private static bool May(uint[] starts, int length, char lower) => length <= MaxWord && (starts[length] & Bit(lower)) != 0;

    // Longer words are never markers.
    private const int MaxWord = 40;

    private static Dictionary<string, string> Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, raw) in AnnotationData.ReadTsv(File))
        {
            var f = AnnotationData.Need(File, line, raw, 2);
            foreach (var word in f[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (!map.TryAdd(word, f[0]) && map[word] != f[0]) shared.Add(word);
        }
        foreach (var word in shared) map.Remove(word);
        return map;
    }
}
