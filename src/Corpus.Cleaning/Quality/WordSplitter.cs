using System.Globalization;

namespace Corpus.Cleaning.Quality;

/// <summary>
/// Splits text into words along Unicode word boundaries (a working subset of UAX #29): letters, digits and combining
/// marks make words, so Devanagari or Thai vowel signs never split a word; an apostrophe between letters and a point
/// or comma between digits stay inside ("don't", "3.5"); every Han ideograph and every Hiragana character is a word
/// of its own, and Katakana runs stay together, as UAX #29 does. Scripts written without spaces and without a
/// dictionary here (Thai, Lao, Khmer, Myanmar) come out as one word per run.
/// </summary>
public static class WordSplitter
{
    /// <summary>Receives each word as a (start, length) range of the text, in order.</summary>
    public interface ISink
    {
        void Word(int start, int length);
    }

    public static List<string> Split(string text)
    {
        var sink = new StringSink(text);
        Scan(text, ref sink);
        return sink.Words;
    }

    /// <summary>How many words <see cref="Split"/> gives, without making them.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var sink = new CountingSink();
        Scan(text, ref sink);
        return sink.Count;
    }

    /// <summary>The same words as <see cref="Split"/>, as ranges of <paramref name="text"/>: nothing is allocated here.</summary>
    public static void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, ISink
    {
        var start = -1;
        var kind = Kind.None;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            {
                // Supplementary planes: CJK extension ideographs are words of their own; other letters join the run.
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                var isIdeo = cp is >= 0x20000 and <= 0x3134F;
                Flush(ref sink, ref start, i);
                if (isIdeo) sink.Word(i, 2);
                i++;
                continue;
            }
            var k = Classify(c);
            if (k == Kind.Mark && start >= 0) continue; // marks extend the current word
            if (k is Kind.Ideograph or Kind.Hiragana)
            {
                Flush(ref sink, ref start, i);
                sink.Word(i, 1);
                kind = Kind.None;
                continue;
            }
            if (k is Kind.Letter or Kind.Digit or Kind.Katakana)
            {
                if (start >= 0 && (kind == Kind.Katakana) != (k == Kind.Katakana)) Flush(ref sink, ref start, i);
                if (start < 0) start = i;
                kind = k;
                continue;
            }
            // Mid-word punctuation: "don't", "l'État", "3.5", "1,000".
            if (start >= 0 && i + 1 < text.Length)
            {
                var next = Classify(text[i + 1]);
                var prev = kind;
                if ((c is '\'' or '’') && prev == Kind.Letter && next == Kind.Letter) continue;
                if ((c is '.' or ',') && prev == Kind.Digit && next == Kind.Digit) continue;
            }
            Flush(ref sink, ref start, i);
            kind = Kind.None;
        }
        Flush(ref sink, ref start, text.Length);
    }

    private static void Flush<TSink>(ref TSink sink, ref int start, int end) where TSink : struct, ISink
    {
        if (start >= 0 && end > start) sink.Word(start, end - start);
        start = -1;
    }

    private struct CountingSink : ISink
    {
        public int Count;
        public void Word(int start, int length) => Count++;
    }

    private struct StringSink(string text) : ISink
    {
        public readonly List<string> Words = [];
        public readonly void Word(int start, int length) => Words.Add(text.Substring(start, length));
    }

    private enum Kind { None, Letter, Digit, Mark, Ideograph, Hiragana, Katakana }

    private static Kind Classify(char c)
    {
        if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF') return Kind.Ideograph;
        if (c is >= '\u3040' and <= '\u309F') return Kind.Hiragana;
        if (c is >= '\u30A0' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F') return Kind.Katakana;
        if (c < 128)
        {
            // ASCII fast path, the same answers as below: letters, digits, everything else none.
            if ((uint)((c | 0x20) - 'a') <= 'z' - 'a') return Kind.Letter;
            return (uint)(c - '0') <= 9 ? Kind.Digit : Kind.None;
        }
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Kind.Mark,
            UnicodeCategory.DecimalDigitNumber => Kind.Digit,
            _ when char.IsLetter(c) => Kind.Letter,
            _ when char.IsDigit(c) => Kind.Digit,
            _ => Kind.None,
        };
    }
}
