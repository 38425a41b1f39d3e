using Corpus.Annotation;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;

namespace Corpus.Cli;

/// <summary>
/// Loads the annotation models a recipe needs (its languages' detector tables, the topic model, the o200k vocabulary)
/// on a pool thread while the build reads its recipe, plans, crawls and extracts, so that a short build does not wait
/// for them when its first document reaches annotation. The models are the annotators' own lazily loaded, shared
/// tables; this only asks for them earlier, through an annotator built exactly as the build builds its own, on a
/// throwaway document. It changes no output, and any failure is left for the build's own annotator to report.
/// </summary>
public static class ModelWarmup
{
    /// <summary><c>CORPUS_WARMUP=0</c> turns it off (to measure a build without it).</summary>
    public const string Variable = "CORPUS_WARMUP";

    // A few words of each of the bundled sample's languages, so the detector's first pass and its Indonesian/Malay
    // second stage both run once.
    private const string Text = "Pemerintah mengumumkan kebijakan baru untuk petani di daerah itu. Kerajaan negeri "
        + "memaklumkan bahawa projek tersebut akan bermula tahun hadapan. The ministry said the plan would start next year.";

    public static Task Start(Recipe recipe)
    {
        if (Environment.GetEnvironmentVariable(Variable) == "0") return Task.CompletedTask;
        return Task.Run(() =>
        {
            try
            {
                var annotator = new Annotator(recipe.Languages, recipe.Annotation, recipe.ResolvePath);
                annotator.Annotate(new Document
                {
                    Id = "warmup",
                    Url = null,
                    SourceUrl = null,
                    Domain = null,
                    FetchedAt = null,
                    Title = "Warm-up",
                    Text = Text,
                });
            }
            catch (Exception)
            {
                // The build's own annotator meets the same failure and reports it with its context.
            }
        });
    }
}
