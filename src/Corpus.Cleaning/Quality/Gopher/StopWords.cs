namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Stop-word lists per language, from <c>Data/stopwords.tsv</c>.</summary>
public sealed class StopWords
{
    /// <summary>The longest stop word a list may hold, so a rule can fold a word's case into a small stack buffer.</summary>
    public const int MaxLength = 64;

    private readonly Dictionary<string, HashSet<string>> _lists;

    private StopWords(Dictionary<string, HashSet<string>> lists) => _lists = lists;

    public static StopWords Default { get; } = Load();

    public IEnumerable<string> Languages => _lists.Keys.Order(StringComparer.Ordinal);

    public IReadOnlySet<string>? For(string language) => _lists.GetValueOrDefault(language);

    /// <summary>The list of <paramref name="language"/> looked up by a span of (lower-case) text, without a string per word.</summary>
    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LookupFor(string language) =>
        _lists[language].GetAlternateLookup<ReadOnlySpan<char>>();

    private static StopWords Load()
    {
        var lists = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (cols, _) in DataFiles.Rows("stopwords.tsv", 2))
        {
            var words = cols[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            if (words.FirstOrDefault(w => w.Length > MaxLength) is { } tooLong)
                throw new FormatException($"stopwords.tsv ({cols[0]}): '{tooLong}' is longer than {MaxLength} characters");
            if (!lists.TryAdd(cols[0], words)) throw new FormatException($"stopwords.tsv: language '{cols[0]}' listed twice");
        }
        return new StopWords(lists);
    }
}
