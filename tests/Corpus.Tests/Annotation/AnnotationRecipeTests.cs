using Corpus.Tests.Support;
using Corpus.Core.Recipes;

namespace Corpus.Tests.Annotation;

public sealed class AnnotationRecipeTests
{
    private const string Valid = MinimalRecipe.Text;

    [Fact]
    public void Annotation_keys_are_read()
    {
        var recipe = RecipeLoader.Parse(Valid + "\nannotation:\n  min_language_confidence: 0.7\n  topic_model: models/topics.model\n", "corpus.yaml");
        Assert.Equal(0.7, recipe.Annotation.MinLanguageConfidence);
        Assert.Equal("models/topics.model", recipe.Annotation.TopicModel);
    }

    [Theory]
    [InlineData("min_language_confidence: 1.5", "annotation.min_language_confidence")]
    [InlineData("declared_language_factor: 0.5", "annotation.declared_language_factor")]
    [InlineData("mixed_language_share: 0", "annotation.mixed_language_share")]
    public void Bad_values_are_rejected_with_their_line(string line, string key)
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + "\nannotation:\n  " + line + "\n", "corpus.yaml"));
        Assert.Contains("line 6", e.Message);
        Assert.Contains(key, e.Message);
    }
}
