using Microsoft.ML.Tokenizers;

namespace Corpus.Annotation.Counts;

/// <summary>
/// Tokens under OpenAI's o200k_base encoding (vocabulary shipped in the Microsoft.ML.Tokenizers.Data.O200kBase package,
/// so it works offline). <see cref="Name"/> goes into the release manifest so token counts can be compared across releases.
/// <para>
/// The count is exact without building token arrays: o200k first splits the text with a fixed pattern into pieces
/// (a word with its leading space or mark, up to three digits, a run of punctuation, whitespace) and encodes each piece
/// on its own, so the text's count is the sum of its pieces' counts. <see cref="O200kPieces"/> finds the pieces with
/// a hand-written scanner equivalent to the pattern (the regex was most of the cost), a word of ASCII letters from one
/// 16-character load; <see cref="BytePairRanks"/> counts
/// a piece's tokens with the byte-pair merge over the package's vocabulary, read into one flat table (the library's
/// own loader took a third of a one-page build's CPU); and each distinct piece's count is remembered per thread, since
/// news text repeats its words: a short ASCII piece packed into a 16-byte slot of <see cref="ShortPieceCounts"/>, any
/// other piece up to <see cref="MaxCachedLength"/> characters in a dictionary of up to <see cref="MaxCached"/>. The library itself is used only for text holding
/// <c>&lt;|</c> (its special tokens), for pieces with an unpaired surrogate and for pieces longer than <see cref="MaxMergedLength"/> characters; the tests
/// check the counts against the library's on many languages, scripts, numbers, emoji and long words.
/// </para>
/// </summary>
public static class TokenCounter
{
    public const string Name = "o200k_base (Microsoft.ML.Tokenizers 2.0.1)";
    private const int MaxCached = 200_000;
    private const int MaxCachedLength = 64;
    /// <summary>Longer pieces (a run of thousands of letters) go to the library, whose merge is not quadratic.</summary>
    public const int MaxMergedLength = 2_000;

    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    [ThreadStatic] private static ShortPieceCounts? _shortCounts;
    [ThreadStatic] private static Dictionary<string, int>? _cache;

    public static int Count(string text) => Count(text.AsSpan());

    public static int Count(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return 0;
        // Special tokens such as <|endoftext|> are split off before the pattern applies; leave such text to the library.
        if (text.Contains("<|", StringComparison.Ordinal)) return Tokenizer.Value.CountTokens(text);
        var ranks = BytePairRanks.O200k;
        var shortCounts = _shortCounts ??= new ShortPieceCounts();
        var cache = _cache ??= new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<byte> packed = stackalloc byte[16];
        var total = 0;
        var i = 0;
        while (i < text.Length)
        {
            int end;
            bool isShort;
            ulong low, high;
            if (AsciiPieces.Fast && i + AsciiPieces.Width <= text.Length)
            {
                var chars = AsciiPieces.Load(text, i);
                end = AsciiPieces.Word(chars, text, i);
                if (end == 0) end = O200kPieces.Next(text, i);
                isShort = AsciiPieces.TryPack(chars, end - i, out low, out high);
            }
            else
            {
                end = O200kPieces.Next(text, i);
                isShort = ShortPieceCounts.TryPack(text[i..end], out low, out high);
            }
            var piece = text[i..end];
            int count;
            if (isShort)
            {
                if (!shortCounts.TryGet(low, high, out count))
                {
                    count = ranks.CountTokens(packed[..ShortPieceCounts.Unpack(low, high, packed)]);
                    shortCounts.Add(low, high, count);
                }
            }
            else if (!lookup.TryGetValue(piece, out count))
            {
                count = piece.Length <= MaxMergedLength && !HasLoneSurrogate(piece) ? ranks.CountTokens(piece) : Tokenizer.Value.CountTokens(piece);
                if (piece.Length <= MaxCachedLength)
                {
                    if (cache.Count >= MaxCached) cache.Clear();
                    lookup[piece] = count;
                }
            }
            total += count;
            i = end;
        }
        return total;
    }

    /// <summary>
    /// A surrogate outside a valid pair: the library turns it into bytes of its own rather than U+FFFD, so such a
    /// piece (never seen in decoded web text) is left to it.
    /// </summary>
    private static bool HasLoneSurrogate(ReadOnlySpan<char> piece)
    {
        for (var k = 0; k < piece.Length; k++)
        {
            if (!char.IsSurrogate(piece[k])) continue;
            if (char.IsHighSurrogate(piece[k]) && k + 1 < piece.Length && char.IsLowSurrogate(piece[k + 1])) { k++; continue; }
            return true;
        }
        return false;
    }

    /// <summary>The library's own count of the whole text (the reference the counter is tested against).</summary>
    public static int CountWithLibrary(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);
}

/// <summary>
/// The o200k_base pre-tokenisation pattern (tiktoken's <c>openai_public.py</c>) as a scanner over UTF-16 code units,
/// the way .NET's regex engine reads it. Its alternatives, tried in order at each position:
/// <list type="number">
/// <item>an optional non-letter, non-digit, non-newline character, then "upper" letters (Lu Lt Lm Lo M) followed by at
/// least one "lower" letter (Ll Lm Lo M), then an optional English contraction (<c>'s 't 're 've 'm 'll 'd</c>, any case);</item>
/// <item>the same with at least one "upper" letter and any number of "lower" ones;</item>
/// <item>one to three digits;</item>
/// <item>an optional space, a run of characters that are neither whitespace, letters nor digits, then any newlines and slashes;</item>
/// <item>whitespace ending in newlines (up to the last newline of the run);</item>
/// <item>whitespace not followed by a non-space (a run before a word leaves its last space to the word);</item>
/// <item>whitespace.</item>
/// </list>
/// Every character matches one of them, so the pieces tile the text.
/// </summary>
public static class O200kPieces
{
    /// <summary>The end (exclusive) of the piece that starts at <paramref name="i"/>.</summary>
    public static int Next(ReadOnlySpan<char> t, int i)
    {
        var c = t[i];
        // The optional prefix is tried with, then without, for each alternative in turn, as the regex engine does.
        var prefix = IsPrefix(c);
        if (prefix && UpperLower(t, i + 1) is var a1 and > 0) return a1;
        if (UpperLower(t, i) is var b1 and > 0) return b1;
        if (prefix && UpperThenLower(t, i + 1) is var a2 and > 0) return a2;
        if (UpperThenLower(t, i) is var b2 and > 0) return b2;
        if (IsDigit(c))
        {
            var e = i + 1;
            while (e < t.Length && e < i + 3 && IsDigit(t[e])) e++;
            return e;
        }
        var p = c == ' ' && i + 1 < t.Length && IsPunctuation(t[i + 1]) ? i + 1 : i;
        if (IsPunctuation(t[p]))
        {
            var e = p + 1;
            while (e < t.Length && IsPunctuation(t[e])) e++;
            while (e < t.Length && t[e] is '\r' or '\n' or '/') e++;
            return e;
        }
        // Whitespace from here on.
        var k = i;
        var lastNewline = -1;
        while (k < t.Length && IsWhiteSpace(t[k]))
        {
            if (t[k] is '\r' or '\n') lastNewline = k;
            k++;
        }
        if (lastNewline >= 0) return lastNewline + 1;
        if (k == t.Length) return k;
        return k - i >= 2 ? k - 1 : k;
    }

    /// <summary>Alternative 1 from <paramref name="j"/>: upper* lower+ contraction?; 0 when it does not match.</summary>
    private static int UpperLower(ReadOnlySpan<char> t, int j)
    {
        if (j >= t.Length) return 0;
        // upper* is greedy and gives characters back until a lower one can start.
        var k = j;
        while (k < t.Length && IsUpper(t[k])) k++;
        for (var back = k; back >= j; back--)
        {
            if (back < t.Length && IsLower(t[back]))
            {
                var e = back + 1;
                while (e < t.Length && IsLower(t[e])) e++;
                return Contraction(t, e);
            }
        }
        return 0;
    }

    /// <summary>Alternative 2 from <paramref name="j"/>: upper+ lower* contraction?; 0 when it does not match.</summary>
    private static int UpperThenLower(ReadOnlySpan<char> t, int j)
    {
        var k = j;
        while (k < t.Length && IsUpper(t[k])) k++;
        if (k == j) return 0;
        while (k < t.Length && IsLower(t[k])) k++;
        return Contraction(t, k);
    }

    internal static int Contraction(ReadOnlySpan<char> t, int e)
    {
        if (e + 1 >= t.Length || t[e] != '\'') return e;
        var a = char.ToLowerInvariant(t[e + 1]);
        if (a is 's' or 't' or 'm' or 'd') return e + 2;
        if (e + 2 < t.Length)
        {
            var b = char.ToLowerInvariant(t[e + 2]);
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return e + 3;
        }
        return e;
    }

    private static bool IsPrefix(char c) => c is not ('\r' or '\n') && (Classes[c] & (CharClasses.Letter | CharClasses.Digit)) == 0;

    private static bool IsPunctuation(char c) => (Classes[c] & (CharClasses.Space | CharClasses.Letter | CharClasses.Digit)) == 0;

    private static bool IsWhiteSpace(char c) => (Classes[c] & CharClasses.Space) != 0;

    private static bool IsDigit(char c) => (Classes[c] & CharClasses.Digit) != 0;

    private static bool IsUpper(char c) => (Classes[c] & CharClasses.Upper) != 0;

    private static bool IsLower(char c) => (Classes[c] & CharClasses.Lower) != 0;

    private static readonly byte[] Classes = CharClasses.Table;
}
