namespace Corpus.Cleaning.Promos;

/// <summary>
/// The text pass: removes short lines that open with a promo lead phrase ("Baca Juga : Headline of another story").
/// Works on text without markup (JSON Lines, WARC text), one paragraph per line.
/// </summary>
public sealed class PromoLineRemover(PromoRules rules)
{
    public (string Text, int Removed) Remove(string text)
    {
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        var removed = 0;
        foreach (var line in lines)
        {
            if (IsPromo(line)) removed++;
            else kept.Add(line);
        }
        return removed == 0 ? (text, 0) : (string.Join('\n', kept), removed);
    }

    public bool IsPromo(string line)
    {
        var trimmed = line.TrimStart();
        if (CountWords(trimmed) > rules.MaxPromoWords) return false;
        foreach (var (_, phrase) in rules.LeadPhrases)
        {
            if (!trimmed.StartsWith(phrase, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = trimmed.AsSpan(phrase.Length);
            if (rest.Length > 0 && char.IsLetterOrDigit(rest[0])) continue; // "Bacaan", not "Baca"
            var afterSpace = rest.TrimStart();
            if (afterSpace.IsEmpty) return true;
            // "Baca Juga : Headline" — the phrase is set off by punctuation.
            if (Separators.Contains(afterSpace[0])) return true;
            // "Baca juga Headline In Title Case" — no punctuation, but what follows is a headline, not a sentence.
            if (IsHeadlineShaped(afterSpace)) return true;
        }
        return false;
    }

    private const string Separators = ":-–—|>»·";

    private static bool IsHeadlineShaped(ReadOnlySpan<char> text)
    {
        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || text.TrimEnd().EndsWith(".")) return false;
        var capitalised = words.Count(w => char.IsUpper(w[0]) || char.IsDigit(w[0]));
        return capitalised * 2 > words.Length;
    }

    private static int CountWords(string s) => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
