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
        // The current word and, before it, the previous one and a space: a two-word marker is looked up without a string.
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
                if (length > MaxWord) previousLength = -1;
                else
                {
                    var offset = previousLength >= 0 ? previousLength + 1 : 0;
                    var word = buffer.Slice(offset, length);
                    text.AsSpan(start, length).ToLowerInvariant(word);
                    if (lookup.TryGetValue(word, out var language)) counts[language] = counts.GetValueOrDefault(language) + 1;
                    if (previousLength >= 0 && lookup.TryGetValue(buffer[..(offset + length)], out var pairLanguage))
                        counts[pairLanguage] = counts.GetValueOrDefault(pairLanguage) + 1;
                    word.CopyTo(buffer);
                    buffer[length] = ' ';
                    previousLength = length;
                }
                start = -1;
            }
            else if (!inWord && i < text.Length && text[i] is not (' ' or '-')) previousLength = -1;
        }
        return counts;
    }

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
