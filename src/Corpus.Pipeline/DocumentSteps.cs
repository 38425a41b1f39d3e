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
/// <c>process</c> step runs all of them; <c>corpus extract</c> runs the extractor, <c>corpus filter</c> runs
/// <see cref="Filter"/> (everything up to the quality rules) over JSON Lines, in the same order.
/// </summary>
public static class DocumentSteps
{
    public static ArticleExtractor Extractor(Recipe recipe) =>
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
        // Topics only matter for what the rules keep.
        return [.. Filter(recipe, annotator.Language), new TopicStage(annotator.Topics), new CountsStage()];
    }

    /// <summary>Cleaning, the word floor, language and the quality rules: which documents the build keeps, and their text.</summary>
    public static IReadOnlyList<IDocumentStage> Filter(Recipe recipe, LanguageIdentifier language) =>
    [
        .. Clean(recipe.Quality),
        new MinWordsFilter(recipe.Quality.MinWords),
        // Quality rules need the language (stop words).
        new LanguageStage(language),
        .. QualityStages.Create(recipe.Quality, recipe.Languages),
    ];

    /// <summary>Extraction and every per-document step, timed per step: what one page goes through.</summary>
    public static DocumentPipeline Create(Recipe recipe) => new(Extractor(recipe), All(recipe));
}
