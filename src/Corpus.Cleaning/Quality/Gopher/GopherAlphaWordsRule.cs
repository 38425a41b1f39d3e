namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Too few words with a letter in them: tables of figures, codes. Value: the share of words with a letter.</summary>
public sealed class GopherAlphaWordsRule(double min) : IQualityRule
{
    public string Name => "gopher.alpha_words_ratio";

    public string? Check(TextView view)
    {
        if (view.Words.Count == 0) return null;
        var alpha = view.Words.Count(w => w.Any(char.IsLetter));
        var ratio = RuleValue.Ratio(alpha, view.Words.Count);
        return ratio < min ? RuleValue.Of(ratio) : null;
    }
}
