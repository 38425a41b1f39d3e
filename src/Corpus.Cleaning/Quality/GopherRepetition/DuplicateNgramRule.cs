using System.Buffers;

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
        var classes = view.Ngrams.Of(n);
        // Only the n-grams at positions the scan stops at count as seen (a repeat is skipped past, not recorded).
        var seen = ArrayPool<bool>.Shared.Rent(classes.Length);
        try
        {
            Array.Clear(seen, 0, classes.Length);
            long repeated = 0;
            var i = 0;
            while (i < classes.Length)
            {
                ref var was = ref seen[classes[i]];
                if (!was) { was = true; i++; continue; }
                repeated += Ngram.Length(lengths, i, n);
                i += n;
            }
            return Math.Min(1.0, (double)repeated / view.Text.Length);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(seen);
        }
    }
}
