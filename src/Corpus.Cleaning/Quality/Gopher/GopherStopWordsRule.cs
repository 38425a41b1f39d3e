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
        if (view.Language is null || stopWords.For(view.Language) is null) return null;
        var list = stopWords.LookupFor(view.Language);
        var words = view.WordTable;
        var found = 0;
        Span<char> lower = stackalloc char[StopWords.MaxLength];
        for (var i = 0; i < words.Count; i++)
        {
            var word = words.Word(i);
            // No stop word is this long; a longer word cannot be one.
            if (word.Length > lower.Length) continue;
            var folded = lower[..word.Length];
            word.ToLowerInvariant(folded);
            if (list.Contains(folded) && ++found >= min) return null;
        }
        return RuleValue.Of(found);
    }
}
