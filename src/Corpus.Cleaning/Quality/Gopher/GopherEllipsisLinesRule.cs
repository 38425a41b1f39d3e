namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Many lines cut off with an ellipsis: a page of teasers. Value: the share of such lines.</summary>
public sealed class GopherEllipsisLinesRule(double max) : IQualityRule
{
    public string Name => "gopher.ellipsis_lines_ratio";

    public string? Check(TextView view)
    {
        if (view.Lines.Count == 0) return null;
        var cut = view.Lines.Count(l => l.EndsWith("...", StringComparison.Ordinal) || l.EndsWith('…'));
        var ratio = RuleValue.Ratio(cut, view.Lines.Count);
        return ratio > max ? RuleValue.Of(ratio) : null;
    }
}
