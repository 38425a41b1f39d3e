namespace Corpus.Core.Documents;

/// <summary>
/// The one record that flows through every stage. A stage returns a changed copy (<c>with</c>) and never
/// silently drops a document: it sets <see cref="Disposition"/> and says why.
/// </summary>
public sealed record Document
{
    // Identity and provenance. A page from a crawl or a WARC file has all of it; a document read from a JSON Lines
    // corpus has only what its record carries, and null says "not known" (never an empty URL or the epoch).
    public required string Id { get; init; }
    /// <summary>Canonical URL when the page declares one, else the fetched URL (normalised); null when not known.</summary>
    public required string? Url { get; init; }
    /// <summary>The URL that was fetched; null when not known.</summary>
    public required string? SourceUrl { get; init; }
    /// <summary>The host of <see cref="Url"/>; null when not known.</summary>
    public required string? Domain { get; init; }
    /// <summary>When the page was fetched; null when not known.</summary>
    public required DateTimeOffset? FetchedAt { get; init; }
    public string? WarcFile { get; init; }
    public long? WarcOffset { get; init; }

    // Content and metadata
    public string Text { get; init; } = "";
    public string? Title { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Section { get; init; }
    public string? SiteName { get; init; }
    public string? LanguageDeclared { get; init; }
    public int PromosRemoved { get; init; }
    /// <summary>The promos removed, with rule and neighbours, for the release's promos.json and report; not a shard column.</summary>
    public IReadOnlyList<PromoRemoval>? PromoRemovals { get; init; }
    /// <summary>Mojibake sequences ("Ã©" for "é") repaired by normalisation.</summary>
    public int MojibakeRepairs { get; init; }
    /// <summary>E-mail addresses masked.</summary>
    public int PiiEmails { get; init; }
    /// <summary>Public IPv4 and IPv6 addresses masked.</summary>
    public int PiiIpAddresses { get; init; }
    /// <summary>Phone numbers masked (only when the recipe asks for it).</summary>
    public int PiiPhones { get; init; }

    // Annotations
    public string? Language { get; init; }
    public double? LanguageScore { get; init; }
    public string? Topic { get; init; }
    public string? TopicLabel { get; init; }
    public double? TopicScore { get; init; }
    public string? TopicSource { get; init; }
    public int WordCount { get; init; }
    public int CharCount { get; init; }
    public int? TokenCount { get; init; }
    /// <summary>A fifth or more of the text is in a language outside the document's (paragraph-level check).</summary>
    public bool LanguageMixed { get; init; }
    /// <summary>A second IPTC topic when the evidence supports two.</summary>
    public string? Topic2 { get; init; }
    public int LineCount { get; init; }
    public int ParagraphCount { get; init; }

    // Outcome
    public Disposition Disposition { get; init; } = Disposition.Kept;
    /// <summary>The rule that excluded the document, e.g. <c>quality.min_words</c>.</summary>
    public string? ExclusionRule { get; init; }
    /// <summary>The value that tripped the rule, e.g. <c>12</c>.</summary>
    public string? ExclusionValue { get; init; }
    /// <summary>Id of the kept document this one duplicates.</summary>
    public string? DuplicateOf { get; init; }
    /// <summary>For a kept document: how many documents (itself included) its duplicate cluster holds.</summary>
    public int DupClusterSize { get; init; } = 1;
    /// <summary>Id of the duplicate cluster (its keeper's id) when the cluster holds more than this document; null when unique.</summary>
    public string? DupCluster { get; init; }
    /// <summary>Lines removed from the text because many documents of the same host repeat them (site boilerplate).</summary>
    public int RepeatedLinesRemoved { get; init; }
    public string? Error { get; init; }

    public bool IsKept => Disposition == Disposition.Kept;

    public Document Exclude(string rule, string value) =>
        this with { Disposition = Disposition.Excluded, ExclusionRule = rule, ExclusionValue = value };

    public Document MarkDuplicateOf(string keeperId) =>
        this with { Disposition = Disposition.Duplicate, DuplicateOf = keeperId };

    public Document Fail(string error) =>
        this with { Disposition = Disposition.Failed, Error = error };

    /// <summary>A failed document for a page that never became a document (fetch error, extraction crash).</summary>
    public static Document FailedPage(FetchedPage page, string error)
    {
        var uri = Uri.TryCreate(page.Url, UriKind.Absolute, out var u) ? u : null;
        return new Document
        {
            Id = DocumentId.FromUrl(page.Url),
            Url = page.Url,
            SourceUrl = page.Url,
            Domain = uri?.Host ?? "",
            FetchedAt = page.FetchedAt,
            WarcFile = page.WarcFile,
            WarcOffset = page.WarcOffset,
            Disposition = Disposition.Failed,
            Error = error,
        };
    }
}
