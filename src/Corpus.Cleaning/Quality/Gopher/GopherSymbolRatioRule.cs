namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Hash signs and ellipses per word above the limit: hashtag lists, truncated teasers. Value: the ratio.</summary>
public sealed class GopherSymbolRatioRule(double max) : IQualityRule
{
    public string Name => "gopher.symbol_word_ratio";

    public string? Check(TextView view)
    {
        var words = view.WordTable.Count;
        if (words == 0) return null;
        var text = view.Text.AsSpan();
        var symbols = text.Count('#') + Count(text, "...") + text.Count('…');
        var ratio = (double)symbols / words;
        return ratio > max ? RuleValue.Of(ratio) : null;
    }

    /// <summary>Non-overlapping occurrences, left to right ("...." is one).</summary>
    private static int Count(ReadOnlySpan<char> text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, StringComparison.Ordinal))
        {
            n++;
            text = text[(i + what.Length)..];
        }
        return n;
    }
}
