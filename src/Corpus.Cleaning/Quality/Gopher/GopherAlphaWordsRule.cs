namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Too few words with a letter in them: tables of figures, codes. Value: the share of words with a letter.</summary>
public sealed class GopherAlphaWordsRule(double min) : IQualityRule
{
    public string Name => "gopher.alpha_words_ratio";

    public string? Check(TextView view)
    {
        var words = view.WordTable;
        if (words.Count == 0) return null;
        var alpha = 0;
        for (var i = 0; i < words.Count; i++)
            if (HasLetter(words.Word(i))) alpha++;
        var ratio = RuleValue.Ratio(alpha, words.Count);
        return ratio < min ? RuleValue.Of(ratio) : null;
    }

    private static bool HasLetter(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (char.IsLetter(c)) return true;
        return false;
    }
}
