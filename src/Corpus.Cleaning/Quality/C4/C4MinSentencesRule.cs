namespace Corpus.Cleaning.Quality.C4;

/// <summary>Too few sentences left after the line pass to be running text. Value: the sentence count.</summary>
public sealed class C4MinSentencesRule(double min) : IQualityRule
{
    public string Name => "c4.min_sentences";

    public string? Check(TextView view)
    {
        var n = SentenceCounter.Count(view.Text);
        return n < min ? RuleValue.Of(n) : null;
    }
}
