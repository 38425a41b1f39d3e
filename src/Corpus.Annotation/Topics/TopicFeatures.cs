namespace Corpus.Annotation.Topics;

/// <summary>
/// Hashed word n-grams (unigrams and bigrams of lower-cased runs of letters and digits). Hashing keeps the model a flat
/// table of numbers whatever the vocabulary, and works the same for every language written with spaces.
/// </summary>
public static class TopicFeatures
{
    internal const ulong Offset = 14695981039346656037UL;
    internal const ulong Prime = 1099511628211UL;

    /// <summary>The hash of a word or a space-separated phrase of two words, as the keyword priors spell them.</summary>
    public static ulong HashPhrase(string phrase)
    {
        ulong? previous = null;
        ulong result = 0;
        var count = 0;
        foreach (var word in Words(phrase))
        {
            var h = HashWord(word);
            result = previous is null ? h : Combine(previous.Value, h);
            previous = h;
            count++;
        }
        if (count is 0 or > 2) throw new ArgumentException($"'{phrase}' must be one or two words.", nameof(phrase));
        return result;
    }

    /// <summary>
    /// Counts each feature of <paramref name="text"/>: every word, and every pair of neighbouring words. Words are hashed
    /// where they stand in the text (no string per word), as <see cref="HashPhrase"/> hashes them.
    /// </summary>
    public static void Count(ReadOnlySpan<char> text, Dictionary<ulong, float> counts, float weight = 1f)
    {
        var hasPrevious = false;
        ulong previous = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            var word = text[start..i];
            if (word.Length < 2 && !char.IsDigit(word[0])) { hasPrevious = false; continue; }
            var h = HashWord(word);
            Add(counts, h, weight);
            if (hasPrevious) Add(counts, Combine(previous, h), weight);
            previous = h;
            hasPrevious = true;
        }
    }

    private static void Add(Dictionary<ulong, float> counts, ulong key, float weight) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _) += weight;

    private static ulong HashWord(ReadOnlySpan<char> word)
    {
        var h = Offset;
        foreach (var c in word)
        {
            h ^= char.ToLowerInvariant(c);
            h *= Prime;
        }
        return h;
    }

    internal static ulong Combine(ulong first, ulong second) => (first * 31UL + 0x9E3779B97F4A7C15UL) ^ (second * Prime);

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
