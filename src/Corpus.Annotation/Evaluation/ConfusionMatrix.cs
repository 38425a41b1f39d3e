namespace Corpus.Annotation.Evaluation;

/// <summary>Counts of (gold, predicted) label pairs, with accuracy and macro-F1 over the gold labels.</summary>
public sealed class ConfusionMatrix
{
    private readonly Dictionary<(string Gold, string Predicted), int> _cells = [];

    public int Total { get; private set; }
    public int Correct { get; private set; }

    public void Add(string gold, string predicted)
    {
        _cells[(gold, predicted)] = _cells.GetValueOrDefault((gold, predicted)) + 1;
        Total++;
        if (gold == predicted) Correct++;
    }

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    public int this[string gold, string predicted] => _cells.GetValueOrDefault((gold, predicted));

    public IReadOnlyList<string> GoldLabels => _cells.Keys.Select(k => k.Gold).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Labels =>
        _cells.Keys.SelectMany(k => new[] { k.Gold, k.Predicted }).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Mean F1 over the labels that occur in the gold data (a prediction of an absent label only costs precision).</summary>
    public double MacroF1 => GoldLabels.Count == 0 ? 0 : GoldLabels.Average(F1);

    public double F1(string label)
    {
        var tp = this[label, label];
        var predicted = _cells.Where(c => c.Key.Predicted == label).Sum(c => c.Value);
        var gold = _cells.Where(c => c.Key.Gold == label).Sum(c => c.Value);
        if (tp == 0) return 0;
        double precision = (double)tp / predicted, recall = (double)tp / gold;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>A plain-text table: rows are gold labels, columns predicted labels.</summary>
    public IEnumerable<string> Table(Func<string, string> shortName)
    {
        var columns = Labels;
        var rows = GoldLabels;
        var width = Math.Max(6, columns.Max(c => shortName(c).Length) + 1);
        yield return "gold \\ predicted".PadRight(18) + string.Concat(columns.Select(c => shortName(c).PadLeft(width)));
        foreach (var row in rows)
            yield return shortName(row).PadRight(18) + string.Concat(columns.Select(c => this[row, c].ToString().PadLeft(width)));
    }
}
