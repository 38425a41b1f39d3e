namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Nearly every line a bullet: a menu or a list of links, not prose. Value: the share of bullet lines.</summary>
public sealed class GopherBulletLinesRule(double max) : IQualityRule
{
    /// <summary>Each bullet is one character, so a line is a bullet line when its first non-space character is one of them.</summary>
    private const string Bullets = "•-‣●▪◦*–";

    public string Name => "gopher.bullet_lines_ratio";

    public string? Check(TextView view)
    {
        var lines = view.LineCount;
        if (lines == 0) return null;
        var bullets = 0;
        for (var i = 0; i < lines; i++)
            if (Bullets.Contains(view.Line(i).TrimStart()[0])) bullets++;
        var ratio = RuleValue.Ratio(bullets, lines);
        return ratio > max ? RuleValue.Of(ratio) : null;
    }
}
