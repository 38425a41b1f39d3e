namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Stop-word lists per language, from <c>Data/stopwords.tsv</c>.</summary>
public sealed class StopWords
{
    private readonly Dictionary<string, HashSet<string>> _lists;

    private StopWords(Dictionary<string, HashSet<string>> lists) => _lists = lists;

    public static StopWords Default { get; } = Load();

    public IEnumerable<string> Languages => _lists.Keys.Order(StringComparer.Ordinal);

    public IReadOnlySet<string>? For(string language) => _lists.GetValueOrDefault(language);

    private static StopWords Load()
    {
        var lists = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (cols, line) in DataFiles.Rows("stopwords.tsv", 2))
        {
            var words = cols[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            if (!lists.TryAdd(cols[0], words)) throw new FormatException($"stopwords.tsv: language '{cols[0]}' listed twice");
        }
        return new StopWords(lists);
    }
}
