using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Corpus.Dedup.Exact;

/// <summary>
/// A 128-bit hash of the text after folding what does not make two articles different: case, whitespace,
/// punctuation, diacritics and digits.
/// </summary>
public static class TextFingerprint
{
    public static UInt128 Of(string text) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(Fold(text)));

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetter(c)) { if (space && sb.Length > 0) sb.Append(' '); sb.Append(char.ToLowerInvariant(c)); space = false; }
            else if (char.IsDigit(c)) { if (space && sb.Length > 0) sb.Append(' '); sb.Append('0'); space = false; }
            else space = true;
        }
        return sb.ToString();
    }
}
