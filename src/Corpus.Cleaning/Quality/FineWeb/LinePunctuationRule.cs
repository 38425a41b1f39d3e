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
        var lines = view.LineCount;
        if (lines == 0) return null;
        var ended = 0;
        for (var i = 0; i < lines; i++)
            if (view.Line(i)[^1] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or '»' or '…' or '。' or '！' or '？' or '؟' or '।') ended++;
        var ratio = RuleValue.Ratio(ended, lines);
        return ratio <= min ? RuleValue.Of(ratio) : null;
    }
}
