namespace Corpus.Reporting;

/// <summary>
/// Everything about the page that is a choice rather than a computation, in one place: the sections and their order,
/// how many examples and rows each shows, which build stage each rule belongs to, the histogram buckets and the colours.
/// </summary>
public static class ReportLayout
{
    /// <summary>Section id (the anchor) and heading, in page order: where documents went first, then what they are.</summary>
    public static readonly IReadOnlyList<(string Id, string Heading)> Sections =
    [
        ("funnel", "Where every document went"),
        ("excluded", "Excluded, by rule"),
        ("failed", "Failed, by reason"),
        ("promos", "Promo removal"),
        ("duplicates", "Near-duplicate clusters"),
        ("languages", "Languages"),
        ("topics", "Topics"),
        ("domains", "Domains"),
        ("months", "Published, by month"),
        ("lengths", "Length in words and tokens"),
        ("timing", "Timing and throughput per step"),
        ("diff", "Changes since the previous release"),
        ("recipe", "Recipe in force"),
    ];

    /// <summary>Examples shown per exclusion rule, failure reason or promo language.</summary>
    public const int ExamplesPerGroup = 5;

    /// <summary>Lines of text an example shows, and at most this many characters of them.</summary>
    public const int ExcerptLines = 3;
    public const int ExcerptChars = 320;

    /// <summary>Largest near-duplicate clusters shown, and member URLs listed per cluster.</summary>
    public const int Clusters = 10;
    public const int MembersPerCluster = 8;

    /// <summary>Domains listed by count; the rest are summed into one row.</summary>
    public const int TopDomains = 20;

    /// <summary>
    /// The funnel's stages in build order and the exclusion rules (by name prefix) and failure reasons (by prefix)
    /// each one accounts for. A rule no prefix claims is counted at the filter stage, a failure reason at fetch;
    /// duplicates are always the dedup stage's.
    /// </summary>
    public static readonly IReadOnlyList<FunnelStageRule> FunnelStages =
    [
        new("fetch", "pages fetched or read from WARC", RulePrefixes: [], FailurePrefixes: ["http ", "timeout", "robots", "fetch", "unknown"]),
        new("extract", "article text and metadata extracted", RulePrefixes: ["extract."], FailurePrefixes: ["extract"]),
        new("filter", "cleaned, annotated and quality-filtered", RulePrefixes: [], FailurePrefixes: []),
        new("dedup", "exact and near duplicates removed", RulePrefixes: ["dedup."], FailurePrefixes: ["dedup"]),
    ];

    /// <summary>Token-count buckets: (label, exclusive upper bound). Word counts use the manifest's buckets.</summary>
    public static readonly IReadOnlyList<(string Label, int Below)> TokenBuckets =
    [
        ("<128", 128), ("128-255", 256), ("256-511", 512), ("512-1023", 1024), ("1024-2047", 2048), ("2048-4095", 4096), ("4096+", int.MaxValue),
    ];

    /// <summary>
    /// Colours, with their contrast against the background (and the header band): text 16.6:1 (15.2:1), muted text
    /// 7.8:1 (7.1:1), links 8.0:1, bars 5.3:1 (WCAG asks 4.5:1 of text, 3:1 of graphics). A bar's number is drawn in
    /// the text colour beside it, never on it.
    /// </summary>
    public static class Colours
    {
        public const string Background = "#ffffff";
        public const string Ink = "#1b1f24";
        public const string Muted = "#4a5360";
        public const string Link = "#0b4f9c";
        public const string Bar = "#2f6db5";
        public const string Rule = "#d0d7de";
        public const string Band = "#f3f5f8";
        /// <summary>Behind a removed promo paragraph; text on it 14.9:1.</summary>
        public const string Removed = "#fff1c2";
    }
}

/// <summary>One stage of the funnel and the rule and failure-reason prefixes it accounts for.</summary>
public sealed record FunnelStageRule(string Name, string Does, IReadOnlyList<string> RulePrefixes, IReadOnlyList<string> FailurePrefixes);
