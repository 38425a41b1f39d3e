using Corpus.Annotation.Counts;
using Corpus.Annotation.Language;
using Corpus.Cleaning;
using Corpus.Cleaning.Promos;
using Corpus.Cleaning.Quality;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Dedup.Exact;
using Corpus.Extraction;

namespace Corpus.Cli.Composition;

/// <summary>The one place a recipe becomes a pipeline: which source, which stages, in which order.</summary>
public static class BuildPipeline
{
    public static BuildRunner Create(Recipe recipe)
    {
        IPageSource source = new CrawlSource(recipe, software: $"Corpus/{CorpusApp.ToolVersion}");
        var extractor = new ArticleExtractor(ExtractionRules.Default, new PromoBlockClassifier(PromoRules.Default), recipe.Quality.MaxLinkDensity);
        var documentStages = new List<IDocumentStage>
        {
            new PromoStage(PromoRules.Default),
            new MinWordsFilter(recipe.Quality.MinWords),
            new LanguageStage(recipe.Languages),
            new CountsStage(),
        };
        var corpusStages = new List<ICorpusStage>();
        if (recipe.Dedup.Exact) corpusStages.Add(new ExactDedupStage());
        return new BuildRunner(source, extractor, documentStages, corpusStages);
    }
}
