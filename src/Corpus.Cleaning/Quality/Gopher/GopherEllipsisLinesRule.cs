namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Many lines cut off with an ellipsis: a page of teasers. Value: the share of such lines.</summary>
public sealed class GopherEllipsisLinesRule(double max) : IQualityRule
{
    public string Name => "gopher.ellipsis_lines_ratio";

    public string? Check(TextView view)
    {
        var lines = view.LineCount;
        if (lines == 0) return null;
        var cut = 0;
        for (var i = 0; i < lines; i++)
        {
            var line = view.Line(i);
            if (line.EndsWith("...", StringComparison.Ordinal) || line[^1] == '…') cut++;
        }
        var ratio = RuleValue.Ratio(cut, lines);
        return ratio > max ? RuleValue.Of(ratio) : null;
    }
}
