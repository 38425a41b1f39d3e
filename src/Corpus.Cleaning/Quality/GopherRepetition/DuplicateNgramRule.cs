namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>
/// Characters covered by word n-grams that already occurred earlier in the text (each repeat counted once, then
/// skipped past, as Gopher describes). Value: those characters over the text's characters.
/// </summary>
public sealed class DuplicateNgramRule(int n, double max) : IQualityRule
{
    public string Name { get; } = $"gopher_rep.dup_{n}gram_share";

    public string? Check(TextView view) => Measure(view) is { } share && share > max ? RuleValue.Of(share) : null;

    /// <summary>The share this rule compares with its maximum, or null when the text has fewer than n words.</summary>
    public double? Measure(TextView view)
    {
        if (view.Text.Length == 0) return null;
        var words = view.WordTable;
        if (words.Count < n) return null;
        var lengths = words.Lengths;
        using var seen = new KeyTable<NgramKeys>(new NgramKeys(words.IdArray, n), words.Count - n + 1);
        long repeated = 0;
        var i = 0;
        while (i + n <= words.Count)
        {
            seen.ValueOf(i, out var added);
            if (added) { i++; continue; }
            repeated += NgramKeys.Length(lengths, i, n);
            i += n;
        }
        return Math.Min(1.0, (double)repeated / view.Text.Length);
    }
}
