namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>
/// The most frequent word n-gram covers too much of the text ("click here click here ..."). Value: the characters
/// of the top n-gram times its count, over the text's characters. Only n-grams seen more than once count.
/// </summary>
public sealed class TopNgramRule(int n, double max) : IQualityRule
{
    public string Name { get; } = $"gopher_rep.top_{n}gram_share";

    public string? Check(TextView view) => Measure(view) is { } share && share > max ? RuleValue.Of(share) : null;

    /// <summary>The share this rule compares with its maximum, or null when the text has fewer than n words.</summary>
    public double? Measure(TextView view)
    {
        if (view.Text.Length == 0) return null;
        var words = view.WordTable;
        if (words.Count < n) return null;
        using var counts = new KeyTable<NgramKeys>(new NgramKeys(words.IdArray, n), words.Count - n + 1);
        for (var i = 0; i + n <= words.Count; i++) counts.ValueOf(i, out _)++;
        var lengths = words.Lengths;
        long top = 0;
        for (var slot = 0; slot < counts.Size; slot++)
            if (counts.Entry(slot, out var first, out var count) && count > 1)
                top = Math.Max(top, (long)NgramKeys.Length(lengths, first, n) * count);
        return (double)top / view.Text.Length;
    }
}
