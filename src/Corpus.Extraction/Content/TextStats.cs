using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// <summary>The element's place in the list of the measuring pass that made these stats.</summary>
    internal int Index;

    public void Reset()
    {
        TextChars = LinkChars = Commas = InlineChars = InlineCommas = InlineLinkChars = ParagraphChars = Paragraphs = Links = QuoteChars = Size = 0;
        HoldsArticle = Block = false;
    }

    public double LinkDensity => TextChars == 0 ? 0 : (double)LinkChars / TextChars;

    /// <summary>Length of a text node's contents with runs of whitespace counted as one character.</summary>
    /// <remarks>
    /// Every text node of a page is measured, so ASCII runs are read eight characters at a time: a whitespace
    /// character counts only where the character before it is not whitespace, which one shift of the whitespace mask
    /// decides for all eight. Other characters take the character-by-character path; both give the same count.
    /// </remarks>
    public static int CollapsedLength(string s, out int commas)
    {
        var n = 0;
        commas = 0;
        var space = true;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && s.Length >= Vector128<ushort>.Count)
        {
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s.AsSpan()));
            var nonAscii = Vector128.Create((ushort)0xFF80);
            var blank = Vector128.Create((ushort)' ');
            var tab = Vector128.Create((ushort)'\t');
            var controls = Vector128.Create((ushort)('\r' - '\t'));
            var comma = Vector128.Create((ushort)',');
            for (; i <= s.Length - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                var v = Vector128.LoadUnsafe(ref first, (nuint)i);
                if ((v & nonAscii) != Vector128<ushort>.Zero)
                {
                    for (var j = i; j < i + Vector128<ushort>.Count; j++) Count(s[j], ref n, ref commas, ref space);
                    continue;
                }
                // Tab, line feed, vertical tab, form feed, carriage return and space: char.IsWhiteSpace below 0x80.
                var white = Vector128.Equals(v, blank) | Vector128.LessThanOrEqual(v - tab, controls);
                var mask = white.ExtractMostSignificantBits();
                var afterWhite = ((mask << 1) | (space ? 1u : 0u)) & 0xFF;
                n += Vector128<ushort>.Count - BitOperations.PopCount(mask) + BitOperations.PopCount(mask & ~afterWhite);
                commas += BitOperations.PopCount(Vector128.Equals(v, comma).ExtractMostSignificantBits());
                space = (mask & 0x80) != 0;
            }
        }
        for (; i < s.Length; i++) Count(s[i], ref n, ref commas, ref space);
        return n;
    }

    private static void Count(char c, ref int n, ref int commas, ref bool space)
    {
        if (char.IsWhiteSpace(c))
        {
            if (!space) n++;
            space = true;
            return;
        }
        space = false;
        n++;
        if (c is ',' or '،' or '、' or '，') commas++;
    }
}
