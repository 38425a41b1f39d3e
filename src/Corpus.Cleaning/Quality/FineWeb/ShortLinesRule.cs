namespace Corpus.Cleaning.Quality.FineWeb;

/// <summary>Most lines are short (menus, captions, link lists). Value: the share of lines of at most the short length.</summary>
public sealed class ShortLinesRule(double max, int shortLength) : IQualityRule
{
    public string Name => "fineweb.short_line_ratio";

    public string? Check(TextView view)
    {
        if (view.Lines.Count == 0) return null;
        var ratio = RuleValue.Ratio(view.Lines.Count(l => l.Length <= shortLength), view.Lines.Count);
        return ratio >= max ? RuleValue.Of(ratio) : null;
    }
}
