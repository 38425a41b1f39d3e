namespace Corpus.Core.Text;

/// <summary>Reduces a declared language tag ("ms-MY", "id_ID", "EN") to its primary ISO 639 code.</summary>
public static class LanguageTag
{
    /// <summary>The primary subtag, lower-cased; the legacy code "in" becomes "id"; null when it is not a 2- or 3-letter code.</summary>
    public static string? Primary(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var code = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        if (code.Length is not (2 or 3) || !code.All(char.IsAsciiLetterLower)) return null;
        // Java-era locales still write Indonesian as "in" (in_ID), which would otherwise read as no language at all.
        return code == "in" ? "id" : code;
    }
}
