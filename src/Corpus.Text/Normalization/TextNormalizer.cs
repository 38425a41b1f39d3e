using System.Globalization;
using System.Net;
using System.Text;

namespace Corpus.Text;

/// <summary>
/// NFC; leftover HTML entities decoded ("&amp;amp;" from double-escaping CMSs); zero-width and control characters
/// removed; every run of spaces one space; no blank lines. Mojibake is repaired separately
/// (<see cref="Normalization.MojibakeRepair"/>) so that repairs can be counted.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        if (text.Contains('&')) text = DecodeEntities(text);
        var nfc = text.Normalize(NormalizationForm.FormC).AsSpan();
        // One pass into one buffer: each line collapsed in place, and taken back out when nothing of it is left.
        var sb = new StringBuilder(nfc.Length);
        while (true)
        {
            var end = nfc.IndexOf('\n');
            var line = end < 0 ? nfc : nfc[..end];
            var mark = sb.Length;
            if (sb.Length > 0) sb.Append('\n');
            var start = sb.Length;
            AppendCollapsed(sb, line, start);
            if (sb.Length == start) sb.Length = mark;
            if (end < 0) break;
            nfc = nfc[(end + 1)..];
        }
        return sb.ToString();
    }

    // Twice at most: "&amp;eacute;" is an entity escaped once more; a third level is text about entities.
    private static string DecodeEntities(string text)
    {
        for (var i = 0; i < 2 && text.Contains('&'); i++)
        {
            var decoded = WebUtility.HtmlDecode(text);
            if (decoded == text) break;
            text = decoded;
        }
        return text;
    }

    /// <summary>Zero-width characters, the BOM, soft hyphens and bidi controls carry nothing a model should learn.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E'
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069' || c is '\u200E' or '\u200F'
        || (char.IsControl(c) && c != '\t')
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse;

    /// <summary>The line without invisible characters, every run of spaces one space, none at either end.</summary>
    private static void AppendCollapsed(StringBuilder sb, ReadOnlySpan<char> line, int start)
    {
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (IsInvisible(c)) continue;
            if (char.IsWhiteSpace(c)) { pendingSpace = sb.Length > start; continue; }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
    }
}
