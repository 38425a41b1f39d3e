namespace Corpus.Core.Recipes;

/// <summary>The <c>annotation:</c> block of a recipe: language evidence, the mixed-language flag and the topic model.</summary>
public sealed class AnnotationSettings
{
    /// <summary>Below this confidence (after page evidence) the language is <c>und</c>.</summary>
    public double MinLanguageConfidence { get; set; } = 0.5;
    /// <summary>How much a declared language (html lang, og:locale) multiplies its language's confidence within a confusable group.</summary>
    public double DeclaredLanguageFactor { get; set; } = 4;
    /// <summary>How much the host's country domain (.id, .my) multiplies its language's confidence within a confusable group.</summary>
    public double DomainLanguageFactor { get; set; } = 3;
    /// <summary>Share of the text in another language from which language_mixed is true.</summary>
    public double MixedLanguageShare { get; set; } = 0.2;
    /// <summary>A model made by <c>corpus topics train</c>, relative to the recipe; empty uses the shipped model (Data/topics.model.gz), <c>keywords</c> the keyword priors alone.</summary>
    public string? TopicModel { get; set; }
    /// <summary>Keyword evidence below which the text classifier gives no topic.</summary>
    public double TopicMinEvidence { get; set; } = 2.0;
}
