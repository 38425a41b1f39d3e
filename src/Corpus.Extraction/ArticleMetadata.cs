namespace Corpus.Extraction;

/// <summary>What the page says about itself. <see cref="Source"/> names where the title came from.</summary>
public sealed record ArticleMetadata
{
    public string? Title { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? SiteName { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? LanguageDeclared { get; init; }
    public string? Description { get; init; }
    /// <summary>What the page says it is: JSON-LD <c>@type</c> of its article node, else <c>og:type</c>.</summary>
    public string? PageType { get; init; }
    /// <summary>Where the title came from: <c>json-ld</c>, <c>meta</c> or <c>page</c>.</summary>
    public string? Source { get; init; }
    /// <summary>Field → where its value came from (<c>json-ld</c>, <c>meta</c>, <c>page</c>, <c>url</c>), for the fields found.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();
}
