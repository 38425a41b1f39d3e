using System.Buffers;

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
        var classes = view.Ngrams.Of(n);
        var counts = ArrayPool<int>.Shared.Rent(classes.Length);
        try
        {
            Array.Clear(counts, 0, classes.Length);
            foreach (var first in classes) counts[first]++;
            var lengths = words.Lengths;
            long top = 0;
            // A class is numbered by its first position, so each distinct n-gram is counted once here.
            for (var first = 0; first < classes.Length; first++)
                if (counts[first] > 1)
                    top = Math.Max(top, (long)Ngram.Length(lengths, first, n) * counts[first]);
            return (double)top / view.Text.Length;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }
}
