namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Too short to be a document or too long to be one (concatenated dumps). Value: the word count.</summary>
public sealed class GopherWordCountRule(double min, double max) : IQualityRule
{
    public string Name => "gopher.word_count";

    public string? Check(TextView view)
    {
        var n = view.WordTable.Count;
        return n < min || n > max ? RuleValue.Of(n) : null;
    }
}
