using System.Globalization;
using System.Text;

namespace Corpus.Dedup.Text;

/// <summary>
/// Folds what does not make two articles different: case, punctuation, whitespace, diacritics and digits
/// ("Rp 12.500" and "rp 99,000" fold alike). Built once as a table over every UTF-16 code unit, so the hot loops of
/// hashing read one array element per character instead of normalising strings.
/// </summary>
public static class TextFolding
{
    /// <summary>Separator: the character ends a word.</summary>
    public const char Separator = '\0';
    /// <summary>A combining mark: dropped without ending the word.</summary>
    public const char Skip = '\u0001';

    private static readonly char[] Table = BuildTable();

    /// <summary>The table itself (65,536 entries, one per UTF-16 code unit), for loops that index it without a bounds check.</summary>
    internal static char[] TableArray => Table;

    public static char Fold(char c) => Table[c];

    /// <summary>
    /// The folded text into <paramref name="destination"/> (at least as long as <paramref name="text"/>: folding never
    /// lengthens a text); returns its length. The same characters as <see cref="Fold(ReadOnlySpan{char})"/>.
    /// </summary>
    public static int Fold(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            var f = Table[c];
            if (f == Separator) { pendingSpace = length > 0; continue; }
            if (f == Skip) continue;
            if (pendingSpace) { destination[length++] = ' '; pendingSpace = false; }
            destination[length++] = f;
        }
        return length;
    }

    /// <summary>The folded text: words of folded characters joined by single spaces.</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            var f = Table[c];
            if (f == Separator) { pendingSpace = sb.Length > 0; continue; }
            if (f == Skip) continue;
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(f);
        }
        return sb.ToString();
    }

    private static char[] BuildTable()
    {
        var table = new char[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c)) { table[i] = c; continue; } // astral letters (CJK ext., emoji) stay as they are
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format)
            {
                table[i] = Skip;
                continue;
            }
            if (char.IsDigit(c)) { table[i] = '0'; continue; }
            if (!char.IsLetter(c)) { table[i] = Separator; continue; }
            var decomposed = c.ToString();
            try { decomposed = decomposed.Normalize(NormalizationForm.FormD); }
            catch (ArgumentException) { } // unassigned code points do not normalise; keep the letter
            var folded = char.ToLowerInvariant(decomposed[0]);
            table[i] = folded is Separator or Skip ? c : folded;
        }
        return table;
    }
}
