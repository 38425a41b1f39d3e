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
using Corpus.Crawling;
using Corpus.Dedup;
using Corpus.Extraction;

namespace Corpus.Cli.Composition;

/// <summary>The one place a recipe becomes a pipeline: which source, which stages, in which order.</summary>
public static class BuildPipeline
{
    /// <param name="source">Replaces the recipe's source, e.g. recorded pages replayed to check that rebuilds are byte-identical.</param>
    public static BuildRunner Create(Recipe recipe, IPageSource? source = null)
    {
        source ??= new CrawlSource(recipe, software: $"Corpus/{CorpusApp.ToolVersion}");
        var extractionRules = ExtractionRules.Default.WithFocus(ExtractionRules.ParseFocus(recipe.Extraction.Focus));
        var extractor = new ArticleExtractor(extractionRules, new PromoBlockClassifier(PromoRules.Default), recipe.Quality.MaxLinkDensity);
        var annotator = new Annotator(recipe.Languages, recipe.Annotation, recipe.ResolvePath);
        var documentStages = new List<IDocumentStage>
        {
            new PromoStage(PromoRules.Default),
            new NormalizationStage(),
            new PiiStage(new PiiMasker(recipe.Quality.Pii)),
            new MinWordsFilter(recipe.Quality.MinWords),
            new LanguageStage(annotator.Language),
        };
        // Quality rules need the language (stop words); topics only matter for what the rules keep.
        documentStages.AddRange(QualityStages.Create(recipe.Quality, recipe.Languages));
        documentStages.Add(new TopicStage(annotator.Topics));
        documentStages.Add(new CountsStage());
        List<ICorpusStage> corpusStages = [new DedupStage(DedupOptions.From(recipe.Dedup))];
        return new BuildRunner(source, extractor, documentStages, corpusStages);
    }
}
