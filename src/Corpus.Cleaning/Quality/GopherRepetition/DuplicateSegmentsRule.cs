namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>
/// Repeated lines or paragraphs (navigation echoed into the text, boilerplate blocks). Every occurrence after the
/// first counts as a duplicate, by number or by characters against the whole text. Value: the fraction.
/// </summary>
public sealed class DuplicateSegmentsRule(string name, bool paragraphs, bool byCharacters, double max) : IQualityRule
{
    public string Name { get; } = name;

    public string? Check(TextView view)
    {
        if (view.Text.Length == 0) return null;
        var segments = paragraphs
            ? view.Text.Trim().Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            : view.Text.Split('\n');
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int dups = 0, dupChars = 0;
        foreach (var s in segments)
        {
            if (seen.Add(s)) continue;
            dups++;
            dupChars += s.Length;
        }
        var fraction = byCharacters ? (double)dupChars / view.Text.Length : RuleValue.Ratio(dups, segments.Length);
        return fraction > max ? RuleValue.Of(fraction) : null;
    }
}
