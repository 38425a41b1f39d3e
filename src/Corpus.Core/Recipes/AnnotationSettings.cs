using System.ComponentModel.DataAnnotations;

namespace Corpus.Core.Recipes;

/// <summary>
/// The <c>annotation:</c> block of a recipe: language evidence, the mixed-language flag and the topic model. The
/// language identifier and the topic classifier take their defaults from <see cref="Default"/>.
/// </summary>
[Step("annotate.language")]
public sealed record AnnotationSettings
{
    public static AnnotationSettings Default { get; } = new();

    /// <summary>Below this confidence (after page evidence) the language is <c>und</c>.</summary>
    [Range(0.0, 1.0)]
    public double MinLanguageConfidence { get; init; } = 0.5;
    /// <summary>How much a declared language (html lang, og:locale) multiplies its language's confidence within a confusable group.</summary>
    [Range(1.0, double.MaxValue)]
    public double DeclaredLanguageFactor { get; init; } = 4;
    /// <summary>How much the host's country domain (.id, .my) multiplies its language's confidence within a confusable group.</summary>
    [Range(1.0, double.MaxValue)]
    public double DomainLanguageFactor { get; init; } = 3;
    /// <summary>Share of the text in another language from which language_mixed is true.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double MixedLanguageShare { get; init; } = 0.2;
    /// <summary>A model made by <c>corpus topics train</c>, relative to the recipe; empty uses the shipped model (Data/topics.model.gz), <c>keywords</c> the keyword priors alone.</summary>
    [Step("annotate.topic")]
    public string? TopicModel { get; init; }
    /// <summary>Keyword evidence below which the text classifier gives no topic.</summary>
    [Step("annotate.topic"), Range(0.0, double.MaxValue)]
    public double TopicMinEvidence { get; init; } = 2.0;
}
