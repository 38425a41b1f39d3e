namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>
/// Characters covered by word n-grams that already occurred earlier in the text (each repeat counted once, then
/// skipped past, as Gopher describes). Value: those characters over the text's characters.
/// </summary>
public sealed class DuplicateNgramRule(int n, double max) : IQualityRule
{
    public string Name { get; } = $"gopher_rep.dup_{n}gram_share";

    public string? Check(TextView view)
    {
        var words = view.Words;
        if (words.Count < n || view.Text.Length == 0) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long repeated = 0;
        var i = 0;
        while (i + n <= words.Count)
        {
            var gram = string.Join(' ', words.Skip(i).Take(n));
            if (seen.Add(gram)) { i++; continue; }
            repeated += gram.Length;
            i += n;
        }
        var share = Math.Min(1.0, (double)repeated / view.Text.Length);
        return share > max ? RuleValue.Of(share) : null;
    }
}
