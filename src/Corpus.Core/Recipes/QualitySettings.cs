namespace Corpus.Core.Recipes;

public sealed class QualitySettings
{
    /// <summary>Documents with fewer words are excluded (rule <c>quality.min_words</c>).</summary>
    public int MinWords { get; set; } = 50;
    /// <summary>Share of the extracted text that is link text above which a page is a list, not an article.</summary>
    public double MaxLinkDensity { get; set; } = 0.5;
}
