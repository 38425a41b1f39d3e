using Corpus.Core.Recipes;
using Corpus.Tests.Support;

namespace Corpus.Tests.Recipes;

public sealed class RecipeLoaderTests
{
    private const string Valid = MinimalRecipe.Text;

    [Fact]
    public void The_sample_recipe_loads()
    {
        var recipe = RecipeLoader.Load(RepoPaths.SampleRecipe);
        Assert.Equal("sample", recipe.Name);
        Assert.Equal(["id", "en", "ms"], recipe.Languages);
        Assert.Equal(64, recipe.Sha256.Length);
    }

    [Fact]
    public void Unknown_key_is_rejected_with_its_line()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + "\ncrawl:\n  max_pagez: 3\n", "corpus.yaml"));
        Assert.Contains("corpus.yaml line 6", e.Message);
        Assert.Contains("max_pagez", e.Message);
    }

    [Fact]
    public void Wrong_type_is_rejected_with_its_line()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + "\ncrawl:\n  max_pages: lots\n", "corpus.yaml"));
        Assert.Contains("corpus.yaml line 6", e.Message);
    }

    [Theory]
    [InlineData("version: one", "version")]
    [InlineData("output:\n  compression: lz77", "output.compression")]
    [InlineData("languages: [indonesian]", "languages")]
    public void Invalid_values_name_the_field(string yaml, string field)
    {
        var text = Valid.Replace("version: 1.0.0\n", "") + "\n" + (yaml.StartsWith("version") ? yaml : "version: 1.0.0\n" + yaml) + "\n";
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(text, "corpus.yaml"));
        Assert.Contains($"'{field}'", e.Message);
        Assert.Matches(@"line \d+", e.Message);
    }

    [Fact]
    public void A_recipe_without_sources_is_rejected()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse("name: x\nversion: 1.0.0\n", "corpus.yaml"));
        Assert.Contains("sources", e.Message);
    }

    [Fact]
    public async Task Malformed_recipe_exits_with_1_and_names_the_line()
    {
        using var dir = new TempDir();
        var path = dir.File("corpus.yaml");
        await File.WriteAllTextAsync(path, Valid + "\nquality:\n  min_words: [1, 2\n");
        var result = await CliRunner.RunAsync("build", path, "--out", dir.File("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("corpus.yaml line", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Missing_recipe_exits_with_1()
    {
        var result = await CliRunner.RunAsync("build", "/nonexistent/corpus.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }
}
