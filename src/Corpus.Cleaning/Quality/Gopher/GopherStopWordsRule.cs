namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>
/// Running text in any language uses its function words; a page without them is a list, a keyword dump or a
/// different language. Counted against the list of the document's language; skipped when the language is
/// undetermined. Value: the number of stop words found.
/// </summary>
public sealed class GopherStopWordsRule(StopWords stopWords, double min) : IQualityRule
{
    public string Name => "gopher.stop_words";

    public string? Check(TextView view)
    {
        if (view.Language is null || stopWords.For(view.Language) is not { } list) return null;
        var found = 0;
        foreach (var word in view.Words)
            if (list.Contains(word.ToLowerInvariant()) && ++found >= min) return null;
        return RuleValue.Of(found);
    }
}
