namespace Corpus.Cleaning.Quality;

/// <summary>
/// One document's text as the quality rules see it, split once: lines, words, language. Disposing it returns the
/// pooled word table (<see cref="WordTable"/>) the repetition rules share.
/// </summary>
public sealed class TextView(string text, string? language) : IDisposable
{
    private List<string>? _words;
    private string[]? _lines;
    private WordTable? _table;

    public string Text { get; } = text;
    /// <summary>ISO 639-1 code, or null when undetermined.</summary>
    public string? Language { get; } = language is null or "und" ? null : language;
    public IReadOnlyList<string> Words => _words ??= WordSplitter.Split(Text);
    /// <summary>Non-empty lines, trimmed of trailing spaces.</summary>
    public IReadOnlyList<string> Lines => _lines ??= Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0).ToArray();
    /// <summary>The words as ranges with a number per distinct word, without a string per word.</summary>
    public WordTable WordTable => _table ??= WordTable.Of(Text);

    public void Dispose()
    {
        _table?.Dispose();
        _table = null;
    }
}
