using Corpus.Core.Tasks;
using Corpus.Parquet.Release;

namespace Corpus.Reporting;

/// <summary>Everything the page shows, gathered from one release (and, when given, its build's step stats).</summary>
public sealed record ReportData
{
    public required ReleaseManifest Manifest { get; init; }
    public required IReadOnlyList<FunnelStage> Funnel { get; init; }
    public required IReadOnlyList<OutcomeGroup> Exclusions { get; init; }
    public required IReadOnlyList<OutcomeGroup> Failures { get; init; }
    public required IReadOnlyList<PromoLanguage> Promos { get; init; }
    /// <summary>The release's <c>promos.json</c> (counts by rule and language, examples); null when it has none.</summary>
    public PromoSummary? PromoRules { get; init; }
    public required DuplicateSummary Duplicates { get; init; }
    public required IReadOnlyList<LanguageRow> Languages { get; init; }
    public required IReadOnlyList<TopicRow> Topics { get; init; }
    public required IReadOnlyList<CountRow> Domains { get; init; }
    public required IReadOnlyList<CountRow> Months { get; init; }
    public required IReadOnlyList<CountRow> Words { get; init; }
    public required IReadOnlyList<CountRow> Tokens { get; init; }
    /// <summary>Per-step stats of the build, when the report was made with them; null leaves timing out.</summary>
    public IReadOnlyList<StepStats>? Steps { get; init; }
    /// <summary>The comparison with the previous release, when there is one.</summary>
    public ReleaseDiff? Diff { get; init; }
}

/// <summary>One funnel stage: documents in, documents out, and what it removed (label → count).</summary>
public sealed record FunnelStage(string Name, string Does, long In, long Out, IReadOnlyList<CountRow> Removed);

/// <summary>A label with a count (a histogram bucket, a domain, a rule).</summary>
public sealed record CountRow(string Label, long Count);

/// <summary>One exclusion rule or failure reason: how many documents, and the first few of them.</summary>
public sealed record OutcomeGroup(string Name, long Count, IReadOnlyList<Example> Examples);

/// <summary>A document shown as an example: where it lives, what tripped the rule, how its text begins (PII masked).</summary>
public sealed record Example(string Url, string? Value, string Excerpt);

/// <summary>Kept documents of one language that had promos removed, and how many promos.</summary>
public sealed record PromoLanguage(string Language, long Documents, long Kept, long Promos);

/// <summary>Near-duplicate clusters: how many, how many documents they hold, and the largest ones.</summary>
public sealed record DuplicateSummary(long Clusters, long Duplicates, IReadOnlyList<DuplicateCluster> Largest);

/// <summary>One cluster: the kept document's URL and the first few duplicates' URLs.</summary>
public sealed record DuplicateCluster(string Id, string? KeptUrl, long Size, IReadOnlyList<string> MemberUrls);

public sealed record LanguageRow(string Language, long Count, double? MeanConfidence);

public sealed record TopicRow(string Code, string? Label, long Count);
