namespace Corpus.Annotation.Counts;

/// <summary>Lines and paragraphs of a text.</summary>
public static class TextCounts
{
    /// <summary>Non-blank lines.</summary>
    public static int Lines(string text) => LinesAndParagraphs(text).Lines;

    /// <summary>
    /// Runs of non-blank lines separated by blank lines. Corpus's own text has one paragraph per line and no blank lines;
    /// there every line is a paragraph.
    /// </summary>
    public static int Paragraphs(string text) => LinesAndParagraphs(text).Paragraphs;

    /// <summary>Both counts in one pass over the text.</summary>
    public static (int Lines, int Paragraphs) LinesAndParagraphs(string text)
    {
        int blocks = 0, lines = 0;
        var inBlock = false;
        var sawBlank = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace()) { inBlock = false; sawBlank = true; continue; }
            lines++;
            if (!inBlock) blocks++;
            inBlock = true;
        }
        return (lines, sawBlank ? blocks : lines);
    }
}
