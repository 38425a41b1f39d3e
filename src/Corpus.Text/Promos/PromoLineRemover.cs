namespace Corpus.Text.Promos;

/// <summary>A line or block taken out of a document, with the rule that took it.</summary>
public sealed record RemovedPromo(string Rule, string Text);

/// <summary>
/// The text pass: removes promo lines from text without markup (JSON Lines, WARC text, or what the DOM pass missed),
/// one paragraph per line. A lone label ("Baca juga:") takes the headline lines right after it along.
/// </summary>
public sealed class PromoLineRemover(PromoRules rules)
{
    public const string HeadlineAfterLabelRule = "promo.lead_phrase";

    private readonly PromoLineClassifier _classifier = new(rules);

    public (string Text, int Removed) Remove(string text)
    {
        var (cleaned, removed) = RemoveExplained(text);
        return (cleaned, removed.Count);
    }

    public (string Text, IReadOnlyList<RemovedPromo> Removed) RemoveExplained(string text)
    {
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        var removed = new List<RemovedPromo>();
        for (var i = 0; i < lines.Length; i++)
        {
            var rule = _classifier.Match(lines[i]);
            if (rule is null) { kept.Add(lines[i]); continue; }
            removed.Add(new RemovedPromo(rule, lines[i].Trim()));
            if (rule != PromoLineClassifier.LeadPhraseRule || !_classifier.IsLoneLabel(lines[i])) continue;
            // "Baca juga:" on its own line: the headline on the next line is the teaser it introduces; more than one only
            // when they come as a bulleted list, so that a real list or sub-heading after the teaser stays.
            for (var taken = 0; taken < rules.MaxHeadlinesAfterLabel && i + 1 < lines.Length; taken++)
            {
                var next = lines[i + 1];
                if (!HeadlineShape.IsHeadlineLine(next, 20) || _classifier.Match(next) is not null) break;
                if (taken > 0 && !(IsBulleted(next) && IsBulleted(lines[i]))) break;
                removed.Add(new RemovedPromo(HeadlineAfterLabelRule, next.Trim()));
                i++;
            }
        }
        return removed.Count == 0 ? (text, removed) : (string.Join('\n', kept), removed);
    }

    private static bool IsBulleted(string line) => line.TrimStart() is { Length: > 1 } t && t[0] is '-' or '•' or '*' or '–' or '·' && t[1] == ' ';

    /// <summary>Whether the line on its own is a promo (headlines after a label need their context).</summary>
    public bool IsPromo(string line) => _classifier.Match(line) is not null;
}
