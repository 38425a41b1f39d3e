namespace Corpus.Text.Promos;

/// <summary>
/// What the DOM pass knows about one block of the article body (a paragraph, list or box), without tying the
/// cleaning rules to an HTML library: the extractor fills it in, <see cref="PromoBlockClassifier"/> judges it.
/// </summary>
public sealed record PromoBlock
{
    /// <summary>The block's visible text, whitespace collapsed.</summary>
    public required string Text { get; init; }
    /// <summary>Share of <see cref="Text"/> that is link text, 0..1.</summary>
    public double LinkTextShare { get; init; }
    /// <summary>Number of links in the block.</summary>
    public int LinkCount { get; init; }
    /// <summary>Whether the block's links point to other pages of the same site.</summary>
    public bool LinksToSameSite { get; init; }
    /// <summary>Lower-cased class and id tokens of the block and its wrapper elements.</summary>
    public IReadOnlyList<string> ClassTokens { get; init; } = [];
    /// <summary>Tag name of the block (p, div, ul, aside, ...).</summary>
    public string Tag { get; init; } = "p";
}
