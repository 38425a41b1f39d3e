using Corpus.Core.Documents;

namespace Corpus.Core.Pipeline;

/// <summary>
/// The build's accounting: every input document ends as kept, excluded, duplicate or failed, and
/// <see cref="Input"/> equals their sum.
/// </summary>
public sealed record BuildReport
{
    public required int Input { get; init; }
    public required int Kept { get; init; }
    public required int Excluded { get; init; }
    public required int Duplicates { get; init; }
    public required int Failed { get; init; }
    /// <summary>Excluded documents per rule name.</summary>
    public required IReadOnlyDictionary<string, int> ExcludedByRule { get; init; }
    /// <summary>Kept documents per language.</summary>
    public required IReadOnlyDictionary<string, int> KeptByLanguage { get; init; }
    /// <summary>Failed documents per short reason (<see cref="FailureReasons"/>).</summary>
    public IReadOnlyDictionary<string, int> FailedByReason { get; init; } = new SortedDictionary<string, int>();
    /// <summary>The recipe's sources that gave no pages (absent when every source gave some).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SourceYield>? EmptySources { get; init; }

    public bool AddsUp => Input == Kept + Excluded + Duplicates + Failed;

    /// <summary>Counts the documents in one pass, without holding them.</summary>
    public static BuildReport From(long input, IEnumerable<Document> documents)
    {
        var tally = new Tally();
        foreach (var d in documents) tally.Add(d);
        return tally.ToReport(input);
    }

    /// <summary>The accounting, built up one document at a time as they stream past.</summary>
    public sealed class Tally
    {
        private readonly int[] _byDisposition = new int[Enum.GetValues<Disposition>().Length];
        private readonly SortedDictionary<string, int> _byRule = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _byLanguage = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _byFailure = new(StringComparer.Ordinal);

        public long Documents { get; private set; }

        public void Add(Document d)
        {
            Documents++;
            _byDisposition[(int)d.Disposition]++;
            if (d.Disposition == Disposition.Excluded) Count(_byRule, d.ExclusionRule ?? "?");
            if (d.IsKept) Count(_byLanguage, d.Language ?? "und");
            if (d.Disposition == Disposition.Failed) Count(_byFailure, FailureReasons.Of(d.Error));
        }

        public BuildReport ToReport(long input) => new()
        {
            Input = checked((int)input),
            Kept = _byDisposition[(int)Disposition.Kept],
            Excluded = _byDisposition[(int)Disposition.Excluded],
            Duplicates = _byDisposition[(int)Disposition.Duplicate],
            Failed = _byDisposition[(int)Disposition.Failed],
            ExcludedByRule = new SortedDictionary<string, int>(_byRule, StringComparer.Ordinal),
            KeptByLanguage = new SortedDictionary<string, int>(_byLanguage, StringComparer.Ordinal),
            FailedByReason = new SortedDictionary<string, int>(_byFailure, StringComparer.Ordinal),
        };

        private static void Count(SortedDictionary<string, int> tally, string key) => tally[key] = tally.GetValueOrDefault(key) + 1;
    }

}
