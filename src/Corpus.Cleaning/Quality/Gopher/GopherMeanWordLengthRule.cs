namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Mean word length outside [min, max]: token soup, tables of numbers, or run-together text. Value: the mean.</summary>
public sealed class GopherMeanWordLengthRule(double min, double max) : IQualityRule
{
    public string Name => "gopher.mean_word_length";

    public string? Check(TextView view)
    {
        if (view.Words.Count == 0) return null;
        // Length in text elements, so a letter with a combining mark counts once.
        var mean = view.Words.Average(w => (double)new System.Globalization.StringInfo(w).LengthInTextElements);
        return mean < min || mean > max ? RuleValue.Of(mean) : null;
    }
}
