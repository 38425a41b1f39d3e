using Corpus.Annotation;
using Corpus.Cli;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;

namespace Corpus.Tests.Startup;

/// <summary>
/// <c>corpus build</c> loads the annotation models on another core while it plans, crawls and extracts
/// (<see cref="ModelWarmup"/>): the warm-up changes no annotation, and a problem it meets is left for the build's own
/// annotator to report.
/// </summary>
public sealed class ModelWarmupTests
{
    private static Document Page(string text) => new()
    {
        Id = "p", Url = "https://berita.example/ekonomi/1", SourceUrl = "https://berita.example/ekonomi/1", Domain = "berita.example",
        FetchedAt = null, Title = "Harga beras turun", Text = text,
    };

    [Fact]
    public async Task Documents_annotated_after_the_warm_up_are_annotated_as_without_it()
    {
        var recipe = new Recipe { Languages = ["id", "en", "ms"] };
        const string text = "Harga beras di pasar induk mulai turun pekan ini setelah panen raya di beberapa daerah. "
            + "Pedagang mengatakan pasokan dari petani meningkat sehingga harga kembali normal.";
        var cold = new Annotator(recipe.Languages, recipe.Annotation).Annotate(Page(text));

        await ModelWarmup.Start(recipe);
        var warm = new Annotator(recipe.Languages, recipe.Annotation).Annotate(Page(text));

        Assert.Equal("id", cold.Language);
        Assert.Equal(cold, warm);
    }

    [Fact]
    public async Task A_missing_topic_model_does_not_fail_the_warm_up_and_still_fails_the_build()
    {
        var folder = Directory.CreateTempSubdirectory("corpus-warmup-").FullName;
        try
        {
            var recipe = new Recipe
            {
                Languages = ["id", "ms"], BaseDirectory = folder,
                Annotation = new AnnotationSettings { TopicModel = "missing-topics.model.gz" },
            };

            var warmup = ModelWarmup.Start(recipe);
            await warmup;

            Assert.True(warmup.IsCompletedSuccessfully);
            var error = Assert.Throws<CorpusUserException>(() => new Annotator(recipe.Languages, recipe.Annotation, recipe.ResolvePath));
            Assert.Contains("missing-topics.model.gz", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
