using System.Globalization;
using System.Text;

namespace Corpus.Text.Promos;

/// <summary>
/// Folds a line for phrase matching: lower case, accents dropped, every run of punctuation or space one space.
/// "BACA JUGA :", "Baca juga -" and "baca   juga" all become "baca juga"; "Läs också" becomes "las ocksa".
/// </summary>
public static class PromoKey
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var raw in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(raw);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) continue;
            var c = raw switch { 'ı' => 'i', 'ø' or 'Ø' => 'o', 'æ' or 'Æ' => 'a', 'ł' or 'Ł' => 'l', 'ß' => 's', _ => raw };
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else pendingSpace = true;
        }
        return sb.ToString();
    }

    /// <summary>Whether <paramref name="key"/> opens with <paramref name="phrase"/> as whole words.</summary>
    public static bool StartsWithPhrase(string key, string phrase) =>
        key.StartsWith(phrase, StringComparison.Ordinal) && (key.Length == phrase.Length || key[phrase.Length] == ' ');
}
