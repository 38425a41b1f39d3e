namespace Corpus.Annotation.Counts;

/// <summary>Lines and paragraphs of a text.</summary>
public static class TextCounts
{
    /// <summary>Non-blank lines.</summary>
    public static int Lines(string text)
    {
        var count = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
            if (!line.IsWhiteSpace()) count++;
        return count;
    }

    /// <summary>
    /// Runs of non-blank lines separated by blank lines. Corpus's own text has one paragraph per line and no blank lines;
    /// there every line is a paragraph.
    /// </summary>
    public static int Paragraphs(string text)
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
        return sawBlank ? blocks : lines;
    }
}
