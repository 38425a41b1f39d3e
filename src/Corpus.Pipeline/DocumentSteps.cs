using Corpus.Annotation;
using Corpus.Annotation.Counts;
using Corpus.Annotation.Language;
using Corpus.Annotation.Topics;
using Corpus.Cleaning;
using Corpus.Cleaning.Normalization;
using Corpus.Cleaning.Pii;
using Corpus.Cleaning.Promos;
using Corpus.Cleaning.Quality;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Extraction;
using Corpus.Text.Promos;

namespace Corpus.Pipeline;

/// <summary>
/// The per-document steps of the build, in order, made from the recipe in this one place: extract, then clean
/// (promos, normalisation, PII), the word floor, language, the quality rules, topic and counts. The build's
/// <c>process</c> step runs all of them; <c>corpus filter</c> runs the cleaning and quality ones over JSON Lines.
/// </summary>
public static class DocumentSteps
{
    public static IPageExtractor Extractor(Recipe recipe) =>
        new ArticleExtractor(ExtractionRules.Default.WithFocus(ExtractionRules.ParseFocus(recipe.Extraction.Focus)),
            new PromoBlockClassifier(PromoRules.Default), recipe.Quality.MaxLinkDensity);

    /// <summary>Promo lines, normalisation and PII masking: what every text goes through before any rule looks at it.</summary>
    public static IReadOnlyList<IDocumentStage> Clean(QualitySettings quality) =>
    [
        new PromoStage(PromoRules.Default),
        new NormalizationStage(),
        new PiiStage(new PiiMasker(quality.Pii)),
    ];

    public static IReadOnlyList<IDocumentStage> All(Recipe recipe)
    {
        var annotator = new Annotator(recipe.Languages, recipe.Annotation, recipe.ResolvePath);
        var stages = new List<IDocumentStage>(Clean(recipe.Quality))
        {
            new MinWordsFilter(recipe.Quality.MinWords),
            new LanguageStage(annotator.Language),
        };
        // Quality rules need the language (stop words); topics only matter for what the rules keep.
        stages.AddRange(QualityStages.Create(recipe.Quality, recipe.Languages));
        stages.Add(new TopicStage(annotator.Topics));
        stages.Add(new CountsStage());
        return stages;
    }

    /// <summary>Extraction and every per-document step, timed per step: what one page goes through.</summary>
    public static DocumentPipeline Create(Recipe recipe) => new(Extractor(recipe), All(recipe));
}
