namespace Corpus.Text.Promos;

/// <summary>
/// Judges one line or block of text against the shared rule table; both the DOM pass and the text pass start here.
/// Returns the rule name (<c>promo.lead_phrase</c>, <c>promo.advertisement</c>, ...) or null for real text.
/// </summary>
public sealed class PromoLineClassifier(PromoRules rules)
{
    public const string LeadPhraseRule = "promo.lead_phrase";
    public const string AdScriptRule = "promo.ad_script";

    // The phrase rules only judge short lines (a lead phrase, a noise prefix, a whole noise line), so a line with more
    // words than all of them is never folded: folding (decomposition, a new string) was most of the DOM pass's cost.
    private readonly int _maxPhraseRuleWords = Math.Max(Math.Max(rules.MaxPromoWords, rules.MaxNoiseWords),
        rules.Noise.Where(n => n.WholeLine).Select(n => CountKeyWords(n.Phrase)).DefaultIfEmpty(0).Max());

    // Arrays, not the rules' read-only lists: every short line of every page loops over them, and a foreach over an
    // interface allocates an enumerator and makes two interface calls per phrase.
    private readonly LeadPhrase[] _phrases = rules.Phrases.ToArray();
    private readonly NoisePhrase[] _noise = rules.Noise.ToArray();

    /// <param name="text">The line's visible text.</param>
    /// <param name="linkShare">Share of the text that is link text (0 when there is no markup).</param>
    public string? Match(string text, double linkShare = 0)
    {
        if (HasMoreWordsThan(text, _maxPhraseRuleWords)) return IsAdScript(text) ? AdScriptRule : null;
        var key = PromoKey.Fold(text);
        if (key.Length == 0) return null;
        var words = CountKeyWords(key);
        if (MatchesLeadPhrase(text, key, words, linkShare)) return LeadPhraseRule;
        foreach (var noise in _noise)
        {
            if (noise.WholeLine ? key == noise.Phrase : words <= rules.MaxNoiseWords && PromoKey.StartsWithPhrase(key, noise.Phrase))
                return noise.Rule;
        }
        if (IsAdScript(text)) return AdScriptRule;
        return null;
    }

    /// <summary>A line that is a lead phrase and nothing else ("Baca juga:"): the headline follows on its own line.</summary>
    public bool IsLoneLabel(string text)
    {
        var key = PromoKey.Fold(text);
        return key.Length > 0 && rules.Phrases.Any(p => p.Phrase == key);
    }

    /// <summary>Whether the text opens with a lead phrase as whole words, whatever follows.</summary>
    public bool StartsWithLeadPhrase(string text)
    {
        var key = PromoKey.Fold(text);
        return rules.Phrases.Any(p => PromoKey.StartsWithPhrase(key, p.Phrase));
    }

    private bool MatchesLeadPhrase(string text, string key, int words, double linkShare)
    {
        if (words > rules.MaxPromoWords) return false;
        foreach (var phrase in _phrases)
        {
            // A phrase that opens with another letter cannot start the key (an empty one never matches a key).
            if (phrase.Phrase.Length == 0 || phrase.Phrase[0] != key[0] || !PromoKey.StartsWithPhrase(key, phrase.Phrase)) continue;
            if (key.Length == phrase.Phrase.Length) return true; // the label alone
            var after = TextAfterWords(text, phrase.WordCount).Trim();
            if (after.Length > 0 && Separators.Contains(after[0])) return true; // "Baca Juga : Headline", "Lire aussi | Titre"
            if (linkShare >= 0.5) return true;                                  // "Read also <a>Headline</a>"
            if (HeadlineShape.IsTitleCased(after)) return true;                  // "Baca juga Harga Beras Turun Lagi"
            // "Lire aussi Le prix du riz recule": a sentence-case headline straight after a phrase of two or more words.
            // A real sentence that opens with the same words goes on in lower case or ends with a full stop.
            if (phrase.WordCount >= 2 && HeadlineShape.IsSentenceCaseHeadline(after, rules.MaxHeadlineWords)) return true;
            return false;
        }
        return false;
    }

    private bool IsAdScript(string text)
    {
        if (text.IndexOfAny(CodeChars) < 0) return false;
        foreach (var marker in rules.AdScriptMarkers)
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static readonly char[] CodeChars = ['(', ')', '{', '}', ';', '='];
    private const string Separators = ":-–—|>»›·…→/•▶►~=";

    /// <summary>
    /// Whether the folded key of <paramref name="text"/> would have more than <paramref name="max"/> words, counted on
    /// the text itself: runs of letters or digits, combining marks inside a run. Folding drops the marks and splits only
    /// where the text has no letter, so this count never exceeds the key's.
    /// </summary>
    private static bool HasMoreWordsThan(string text, int max)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord && ++words > max) return true;
                inWord = true;
            }
            else if (!IsMark(c)) inWord = false;
        }
        return false;
    }

    private static bool IsMark(char c) =>
        c >= '\u0300' && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark;

    private static int CountKeyWords(string key)
    {
        var n = 1;
        foreach (var c in key) if (c == ' ') n++;
        return n;
    }

    /// <summary>The rest of <paramref name="text"/> after its first <paramref name="words"/> runs of letters or digits.</summary>
    private static string TextAfterWords(string text, int words)
    {
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var wordChar = char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark;
            if (wordChar && !inWord && words-- == 0) return text[i..];
            if (!wordChar && inWord && words == 0) return text[i..];
            inWord = wordChar;
        }
        return "";
    }
}
