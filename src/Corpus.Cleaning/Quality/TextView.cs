using System.Buffers;

namespace Corpus.Cleaning.Quality;

/// <summary>
/// One document's text as the quality rules see it, split once: lines, words, language. The rules read words and
/// lines as ranges of the text (<see cref="WordTable"/>, <see cref="Line"/>), so no string is made per word or line;
/// disposing the view returns the pooled arrays.
/// </summary>
public sealed class TextView(string text, string? language) : IDisposable
{
    private List<string>? _words;
    private string[]? _lines;
    private WordTable? _table;
    private GopherRepetition.NgramClasses? _ngrams;
    private int[]? _lineStarts;
    private int[]? _lineLengths;
    private int _lineCount;

    public string Text { get; } = text;
    /// <summary>ISO 639-1 code, or null when undetermined.</summary>
    public string? Language { get; } = language is null or "und" ? null : language;
    /// <summary>The words as strings (for tests and references; the rules read <see cref="WordTable"/>).</summary>
    public IReadOnlyList<string> Words => _words ??= WordSplitter.Split(Text);
    /// <summary>Non-empty lines, trimmed of trailing spaces, as strings (for tests and references; the rules read <see cref="Line"/>).</summary>
    public IReadOnlyList<string> Lines => _lines ??= Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0).ToArray();
    /// <summary>The words as ranges, numbered on first use, without a string per word.</summary>
    public WordTable WordTable => _table ??= WordTable.Of(Text);
    /// <summary>The word n-grams numbered once for every n-gram rule (<see cref="GopherRepetition.NgramClasses"/>).</summary>
    internal GopherRepetition.NgramClasses Ngrams => _ngrams ??= new GopherRepetition.NgramClasses(WordTable);

    /// <summary>How many lines <see cref="Lines"/> holds.</summary>
    public int LineCount
    {
        get
        {
            SplitLines();
            return _lineCount;
        }
    }

    /// <summary>Line <paramref name="i"/> of <see cref="Lines"/>, as a range of the text.</summary>
    public ReadOnlySpan<char> Line(int i)
    {
        SplitLines();
        return Text.AsSpan(_lineStarts![i], _lineLengths![i]);
    }

    /// <summary>Where line <paramref name="i"/> starts in the text.</summary>
    internal int LineStart(int i) => _lineStarts![i];

    private void SplitLines()
    {
        if (_lineStarts is not null) return;
        var capacity = Math.Max(16, Text.AsSpan().Count('\n') + 1);
        _lineStarts = ArrayPool<int>.Shared.Rent(capacity);
        _lineLengths = ArrayPool<int>.Shared.Rent(capacity);
        var rest = Text.AsSpan();
        var start = 0;
        while (true)
        {
            var end = rest.IndexOf('\n');
            var line = (end < 0 ? rest : rest[..end]).TrimEnd();
            // A line of spaces alone trims to nothing and is not a line.
            if (line.Length > 0)
            {
                _lineStarts[_lineCount] = start;
                _lineLengths[_lineCount] = line.Length;
                _lineCount++;
            }
            if (end < 0) break;
            start += end + 1;
            rest = rest[(end + 1)..];
        }
    }

    public void Dispose()
    {
        _ngrams?.Dispose();
        _ngrams = null;
        _table?.Dispose();
        _table = null;
        if (_lineStarts is not null) ArrayPool<int>.Shared.Return(_lineStarts);
        if (_lineLengths is not null) ArrayPool<int>.Shared.Return(_lineLengths);
        _lineStarts = _lineLengths = null;
        _lineCount = 0;
    }
}
