namespace Corpus.Extraction.Evaluation;

/// <summary>A page's key with its score, for the worst-pages list.</summary>
public sealed record PageScore(string Key, string? Url, ShingleScore Score);

/// <summary>The benchmark's summary: means of page precision and recall, F1 of those means, exact-token accuracy.</summary>
public sealed record ExtractionScore(double F1, double Precision, double Recall, double Accuracy, IReadOnlyList<PageScore> Pages)
{
    /// <summary>Pages ordered worst first by their own F1, ties by key so the list is deterministic.</summary>
    public IEnumerable<PageScore> Worst(int count) => Pages
        .OrderBy(p => PageF1(p.Score)).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count);

    private static double PageF1(ShingleScore s) =>
        s.Precision + s.Recall == 0 ? 0 : 2 * s.Precision * s.Recall / (s.Precision + s.Recall);
}

public static class ExtractionScorer
{
    /// <summary>Scores predictions against the truth, key by key. A key missing from the predictions counts as empty.</summary>
    public static ExtractionScore Score(IReadOnlyDictionary<string, TruthPage> truth, IReadOnlyDictionary<string, string> predictions)
    {
        var pages = truth.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new PageScore(t.Key, t.Value.Url, ShingleScore.Compare(t.Value.ArticleBody, predictions.GetValueOrDefault(t.Key) ?? "")))
            .ToList();
        var precisions = pages.Where(p => p.Score.CountsForPrecision).Select(p => p.Score.Precision).ToList();
        var recalls = pages.Where(p => p.Score.CountsForRecall).Select(p => p.Score.Recall).ToList();
        var precision = precisions.Count == 0 ? 0 : precisions.Average();
        var recall = recalls.Count == 0 ? 0 : recalls.Average();
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var accuracy = pages.Count == 0 ? 0 : pages.Count(p => p.Score.TokensIdentical) / (double)pages.Count;
        return new ExtractionScore(f1, precision, recall, accuracy, pages);
    }
}
