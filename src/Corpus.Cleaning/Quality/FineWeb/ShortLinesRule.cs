namespace Corpus.Cleaning.Quality.FineWeb;

/// <summary>Most lines are short (menus, captions, link lists). Value: the share of lines of at most the short length.</summary>
public sealed class ShortLinesRule(double max, int shortLength) : IQualityRule
{
    public string Name => "fineweb.shortLinesline_ratio";

    public string? Check(TextView view)
    {
        var lines = view.LineCount;
        if (lines == 0) return null;
        var shortLines = 0;
        for (var i = 0; i < lines; i++)
            if (view.Line(i).Length <= shortLength) shortLines++;
        var ratio = RuleValue.Ratio(shortLines, lines);
        return ratio >= max ? RuleValue.Of(ratio) : null;
    }
}
