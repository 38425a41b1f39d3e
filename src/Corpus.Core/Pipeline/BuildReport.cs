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

    public static BuildReport From(int input, IEnumerable<Document> documents)
    {
        var all = documents.ToList();
        int Count(Disposition d) => all.Count(x => x.Disposition == d);
        return new BuildReport
        {
            Input = input,
            Kept = Count(Disposition.Kept),
            Excluded = Count(Disposition.Excluded),
            Duplicates = Count(Disposition.Duplicate),
            Failed = Count(Disposition.Failed),
            ExcludedByRule = Tally(all.Where(d => d.Disposition == Disposition.Excluded).Select(d => d.ExclusionRule ?? "?")),
            KeptByLanguage = Tally(all.Where(d => d.IsKept).Select(d => d.Language ?? "und")),
            FailedByReason = FailureReasons.Tally(all.Where(d => d.Disposition == Disposition.Failed)),
        };
    }

    private static SortedDictionary<string, int> Tally(IEnumerable<string> keys)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in keys) result[k] = result.GetValueOrDefault(k) + 1;
        return result;
    }
}
