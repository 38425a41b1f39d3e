namespace Corpus.Cleaning.Quality.FineWeb;

/// <summary>
/// Few lines end like sentences: a list, a menu, a table flattened to lines. Value: the share of lines ending in
/// terminal punctuation or a closing quote.
/// </summary>
public sealed class LinePunctuationRule(double min) : IQualityRule
{
    public string Name => "fineweb.line_punct_ratio";

    public string? Check(TextView view)
    {
        if (view.Lines.Count == 0) return null;
        var ended = view.Lines.Count(l => l.Length > 0 && l[^1] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or '»' or '…' or '。' or '！' or '？' or '؟' or '।');
        var ratio = RuleValue.Ratio(ended, view.Lines.Count);
        return ratio <= min ? RuleValue.Of(ratio) : null;
    }
}
