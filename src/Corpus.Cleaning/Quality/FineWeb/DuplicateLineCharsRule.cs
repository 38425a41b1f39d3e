namespace Corpus.Cleaning.Quality.FineWeb;

/// <summary>Characters in repeated lines, over all characters but line breaks. Value: that fraction.</summary>
public sealed class DuplicateLineCharsRule(double max) : IQualityRule
{
    public string Name => "fineweb.char_dup_ratio";

    public string? Check(TextView view)
    {
        var total = view.Text.Length - view.Text.Count(c => c == '\n');
        if (total == 0) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dup = view.Lines.Where(l => !seen.Add(l)).Sum(l => l.Length);
        var ratio = (double)dup / total;
        return ratio >= max ? RuleValue.Of(ratio) : null;
    }
}
