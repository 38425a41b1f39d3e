namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Hash signs and ellipses per word above the limit: hashtag lists, truncated teasers. Value: the ratio.</summary>
public sealed class GopherSymbolRatioRule(double max) : IQualityRule
{
    public string Name => "gopher.symbol_word_ratio";

    public string? Check(TextView view)
    {
        if (view.Words.Count == 0) return null;
        var text = view.Text;
        var symbols = Count(text, "#") + Count(text, "...") + Count(text, "…");
        var ratio = (double)symbols / view.Words.Count;
        return ratio > max ? RuleValue.Of(ratio) : null;
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
