namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Nearly every line a bullet: a menu or a list of links, not prose. Value: the share of bullet lines.</summary>
public sealed class GopherBulletLinesRule(double max) : IQualityRule
{
    private static readonly string[] Bullets = ["•", "-", "‣", "●", "▪", "◦", "*", "–"];

    public string Name => "gopher.bullet_lines_ratio";

    public string? Check(TextView view)
    {
        if (view.Lines.Count == 0) return null;
        var bullets = view.Lines.Count(l => Bullets.Any(b => l.TrimStart().StartsWith(b, StringComparison.Ordinal)));
        var ratio = RuleValue.Ratio(bullets, view.Lines.Count);
        return ratio > max ? RuleValue.Of(ratio) : null;
    }
}
