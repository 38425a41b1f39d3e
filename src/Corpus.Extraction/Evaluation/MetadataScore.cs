using System.Text;

namespace Corpus.Extraction.Evaluation;

/// <summary>
/// A metadata field (title, author) scored against the labels of the pages that have one: the share of pages whose
/// normalised value matches exactly, and the mean token F1. A page with a label and no value scores 0 on both.
/// </summary>
public sealed record MetadataScore(int Pages, double Exact, double TokenF1)
{
    public static MetadataScore Score(IEnumerable<(string Truth, string? Predicted)> pairs)
    {
        int n = 0, exact = 0;
        double f1 = 0;
        foreach (var (truth, predicted) in pairs)
        {
            var t = Tokens(truth);
            if (t.Count == 0) continue;
            n++;
            var p = Tokens(predicted ?? "");
            if (t.SequenceEqual(p, StringComparer.Ordinal)) exact++;
            f1 += TokenOverlap(t, p);
        }
        return new MetadataScore(n, n == 0 ? 0 : (double)exact / n, n == 0 ? 0 : f1 / n);
    }

    /// <summary>
    /// Normalised tokens: Unicode-compatibility form, lower case, word runs only, so "By  Jane Doe," and "by jane doe"
    /// are the same tokens but "Jane Doe" is not.
    /// </summary>
    public static List<string> Tokens(string text) =>
        ShingleScore.Tokenize(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant());

    public static double TokenOverlap(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        if (truth.Count == 0 || predicted.Count == 0) return truth.Count == predicted.Count ? 1 : 0;
        var counts = truth.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var token in predicted)
        {
            if (!counts.TryGetValue(token, out var c) || c == 0) continue;
            counts[token] = c - 1;
            common++;
        }
        if (common == 0) return 0;
        double precision = (double)common / predicted.Count, recall = (double)common / truth.Count;
        return 2 * precision * recall / (precision + recall);
    }
}
