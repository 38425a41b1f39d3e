namespace Corpus.Extraction.Content;

/// <summary>
/// What one element holds, measured once per pass: all its text, the part inside links, and its "inline" text (not
/// inside a nested block), which is what makes it a paragraph of its own.
/// </summary>
public sealed class TextStats
{
    public int TextChars;
    public int LinkChars;
    public int Commas;
    public int InlineChars;
    public int InlineCommas;
    public int InlineLinkChars;
    /// <summary>Chars of text in paragraph-sized blocks at or under this element that are mostly not link text (prose).</summary>
    public int ParagraphChars;
    public int Paragraphs;
    public int Links;
    /// <summary>Chars of text inside <c>blockquote</c> elements at or under this element (quoted posts, quotations).</summary>
    public int QuoteChars;
    /// <summary>Holds an <c>article</c>, <c>main</c> or schema.org articleBody element (is not chrome, whatever its class).</summary>
    public bool HoldsArticle;
    /// <summary>The element starts a new line (a block of the table), which ends the inline text of its parent.</summary>
    public bool Block;
    /// <summary>Elements in this element's subtree, itself included, as last measured.</summary>
    public int Size;

    public void Reset()
    {
        TextChars = LinkChars = Commas = InlineChars = InlineCommas = InlineLinkChars = ParagraphChars = Paragraphs = Links = QuoteChars = Size = 0;
        HoldsArticle = Block = false;
    }

    public double LinkDensity => TextChars == 0 ? 0 : (double)LinkChars / TextChars;

    /// <summary>Length of a text node's contents with runs of whitespace counted as one character.</summary>
    public static int CollapsedLength(string s, out int commas)
    {
        var n = 0;
        commas = 0;
        var space = true;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space) n++;
                space = true;
                continue;
            }
            space = false;
            n++;
            if (c is ',' or '،' or '、' or '，') commas++;
        }
        return n;
    }
}
