using System.Numerics;
using System.Runtime.Intrinsics;

namespace Corpus.Annotation.Counts;

/// <summary>Words, lines and paragraphs of a text.</summary>
public static class TextCounts
{
    /// <summary>Non-blank lines.</summary>
    public static int Lines(string text) => WordsLinesAndParagraphs(text).Lines;

    /// <summary>
    /// Runs of non-blank lines separated by blank lines. Corpus's own text has one paragraph per line and no blank lines;
    /// there every line is a paragraph.
    /// </summary>
    public static int Paragraphs(string text) => WordsLinesAndParagraphs(text).Paragraphs;

    /// <summary>Lines and paragraphs in one pass over the text.</summary>
    public static (int Lines, int Paragraphs) LinesAndParagraphs(string text)
    {
        var (_, lines, paragraphs) = WordsLinesAndParagraphs(text);
        return (lines, paragraphs);
    }

    /// <summary>
    /// <c>WordCounter</c>'s words (runs of letters or digits), non-blank lines and paragraphs in one pass, one table
    /// read per character. Lines end where <see cref="MemoryExtensions.EnumerateLines(ReadOnlySpan{char})"/> ends
    /// them (CR LF counts once), and the text after the last break is a line of its own, blank when empty, as there.
    /// <para>
    /// Sixteen characters that are all printable ASCII (most of a line of Latin-script text) are taken at once: no
    /// break among them, a space the only whitespace, and word characters are 0–9 A–Z a–z, so a word starts at each
    /// set bit of the word mask whose bit before is clear. Other characters go one by one through the table.
    /// </para>
    /// </summary>
    public static (int Words, int Lines, int Paragraphs) WordsLinesAndParagraphs(ReadOnlySpan<char> text)
    {
        var classes = CharClasses.Table;
        int words = 0, lines = 0, blocks = 0;
        var previous = 0;   // 1 when the character before was a word character
        var content = 0;    // non-zero once the current line has a non-whitespace character
        var inBlock = false;
        var sawBlank = false;
        var i = 0;
        while (i < text.Length)
        {
            var stop = text.Length;
            if (AsciiPieces.Fast && i + AsciiPieces.Width <= text.Length)
            {
                var chars = AsciiPieces.Load(text, i);
                if (Vector256.LessThanAll(chars - Vector256.Create((ushort)0x20), Vector256.Create((ushort)(0x7F - 0x20))))
                {
                    var spaces = Vector256.Equals(chars, Vector256.Create((ushort)' ')).ExtractMostSignificantBits();
                    var word = (Vector256.LessThan(chars - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10))
                        | Vector256.LessThan((chars | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26))).ExtractMostSignificantBits();
                    words += BitOperations.PopCount(word & ~((word << 1) | (uint)previous));
                    previous = (int)(word >> (AsciiPieces.Width - 1));
                    content |= spaces != (1u << AsciiPieces.Width) - 1 ? 1 : 0;
                    i += AsciiPieces.Width;
                    continue;
                }
                stop = i + AsciiPieces.Width;
            }
            for (; i < stop; i++)
            {
                var c = text[i];
                int flags = classes[c];
                // Branch-free on the common path: a word starts where a word character follows a non-word one.
                var word = (flags >> CharClasses.WordBit) & 1;
                words += word & ~previous;
                previous = word;
                content |= ~flags & CharClasses.Space;
                if ((flags & CharClasses.Break) == 0) continue;
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndLine(content != 0, ref lines, ref blocks, ref inBlock, ref sawBlank);
                content = 0;
            }
        }
        EndLine(content != 0, ref lines, ref blocks, ref inBlock, ref sawBlank);
        return (words, lines, sawBlank ? blocks : lines);
    }

    private static void EndLine(bool content, ref int lines, ref int blocks, ref bool inBlock, ref bool sawBlank)
    {
        if (!content) { inBlock = false; sawBlank = true; return; }
        lines++;
        if (!inBlock) blocks++;
        inBlock = true;
    }
}
