namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>
/// The most frequent word n-gram covers too much of the text ("click here click here ..."). Value: the characters
/// of the top n-gram times its count, over the text's characters. Only n-grams seen more than once count.
/// </summary>
public sealed class TopNgramRule(int n, double max) : IQualityRule
{
    public string Name { get; } = $"gopher_rep.top_{n}gram_share";

    public string? Check(TextView view)
    {
        var words = view.Words;
        if (words.Count < n || view.Text.Length == 0) return null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= words.Count; i++)
        {
            var gram = string.Join(' ', words.Skip(i).Take(n));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        var top = counts.Where(kv => kv.Value > 1).Select(kv => (long)kv.Key.Length * kv.Value).DefaultIfEmpty(0).Max();
        var share = (double)top / view.Text.Length;
        return share > max ? RuleValue.Of(share) : null;
    }
}
