using Corpus.Extraction.Evaluation;
using Corpus.Tests.Support;

namespace Corpus.Tests.Extraction;

/// <summary>The scorer is trusted only because it reproduces the benchmark's published rows from the published outputs.</summary>
public sealed class ExtractionScorerTests
{
    private static string Dev => RepoPaths.ScrapingHub;

    [Theory]
    [InlineData("trafilatura.json", 0.958, 0.938, 0.978)]
    [InlineData("readability_js.json", 0.947, 0.914, 0.982)]
    public void Reproduces_the_published_row_to_three_decimals(string output, double f1, double precision, double recall)
    {
        var truth = BenchmarkFiles.Read(Path.Combine(Dev, "ground-truth.json"));
        var predictions = BenchmarkFiles.Read(Path.Combine(Dev, "published-outputs", output)).ToDictionary(kv => kv.Key, kv => kv.Value.ArticleBody);
        var score = ExtractionScorer.Score(truth, predictions);
        Assert.Equal(181, score.Pages.Count);
        Assert.Equal(f1, Math.Round(score.F1, 3));
        Assert.Equal(precision, Math.Round(score.Precision, 3));
        Assert.Equal(recall, Math.Round(score.Recall, 3));
    }

    [Fact]
    public void Identical_texts_score_one_and_disjoint_texts_zero()
    {
        var same = ShingleScore.Compare("one two three four five", "one  two, three four five!");
        Assert.Equal((1.0, 1.0, true), (same.Precision, same.Recall, same.TokensIdentical));
        var none = ShingleScore.Compare("one two three four five", "six seven eight nine ten");
        Assert.Equal((0.0, 0.0), (none.Precision, none.Recall));
    }

    [Fact]
    public void Extra_text_costs_precision_and_missing_text_costs_recall()
    {
        var extra = ShingleScore.Compare("a b c d e", "a b c d e f g");
        Assert.Equal(1.0, extra.Recall);
        Assert.True(extra.Precision < 1);
        var missing = ShingleScore.Compare("a b c d e f g", "a b c d e");
        Assert.Equal(1.0, missing.Precision);
        Assert.True(missing.Recall < 1);
    }

    [Fact]
    public void Short_texts_are_one_shorter_shingle_and_empty_texts_none()
    {
        Assert.Equal(1.0, ShingleScore.Compare("two words", "two words").Recall);
        var empty = ShingleScore.Compare("", "");
        Assert.False(empty.CountsForPrecision);
        Assert.False(empty.CountsForRecall);
    }

    [Fact]
    public void Tokens_follow_python_word_characters_not_dotnet_ones()
    {
        // A combining mark ends a Python \w run; .NET's \w would keep "é" (e + U+0301) in one token.
        Assert.Equal(["cafe", "x"], ShingleScore.Tokenize("cafe\u0301x"));
        Assert.Equal(["snake_case", "½", "x2"], ShingleScore.Tokenize("snake_case ½ x2‿y").Take(3));
    }
}
