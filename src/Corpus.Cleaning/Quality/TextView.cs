namespace Corpus.Cleaning.Quality;

/// <summary>One document's text as the quality rules see it, split once: lines, words, language.</summary>
public sealed class TextView(string text, string? language)
{
    private List<string>? _words;
    private string[]? _lines;

    public string Text { get; } = text;
    /// <summary>ISO 639-1 code, or null when undetermined.</summary>
    public string? Language { get; } = language is null or "und" ? null : language;
    public IReadOnlyList<string> Words => _words ??= WordSplitter.Split(Text);
    /// <summary>Non-empty lines, trimmed of trailing spaces.</summary>
    public IReadOnlyList<string> Lines => _lines ??= Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0).ToArray();
}
