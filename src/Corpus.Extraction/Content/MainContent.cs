namespace Corpus.Extraction.Content;

/// <summary>
/// The article body as lines, how much of it was link text, the promo blocks the cleaning stage's DOM pass took out
/// of it, and (for <c>--explain</c>) every other block left out with the rule that left it out.
/// </summary>
public sealed record MainContent(IReadOnlyList<string> Lines, double LinkDensity, IReadOnlyList<RemovedBlock> Promos, IReadOnlyList<RemovedBlock> Dropped)
{
    public static MainContent Empty { get; } = new([], 0, [], []);
}

/// <summary>A block taken out of the page, with the rule that took it out.</summary>
public sealed record RemovedBlock(string Rule, string Text)
{
    /// <summary>For a promo: how many body lines came before it (where it stood among them), when known.</summary>
    public int? At { get; init; }
}
