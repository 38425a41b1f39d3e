using Corpus.Tests.Support;
using Corpus.Core.Recipes;

namespace Corpus.Tests.Recipes;

/// <summary>The quality: section's rule thresholds in YAML.</summary>
public sealed class QualityRecipeTests
{
    private const string Valid = MinimalRecipe.Text;

    [Fact]
    public void Rule_thresholds_and_switches_parse_from_snake_case_keys()
    {
        var recipe = RecipeLoader.Parse(Valid + """

            quality:
              gopher_quality: { min_words: 80, min_stop_words: 3 }
              gopher_repetition: { max_top2gram_share: 0.25, max_dup10gram_share: 0.05 }
              c4: { enabled: false, terminal_punctuation: true }
              fineweb: { min_line_punct_ratio: 0.2 }
              pii: { phones: true, emails: false }
            """, "corpus.yaml");
        var q = recipe.Quality;
        Assert.Equal(80, q.GopherQuality.MinWords);
        Assert.Equal(3, q.GopherQuality.MinStopWords);
        Assert.Equal(100000, q.GopherQuality.MaxWords); // left at its default
        Assert.Equal(0.25, q.GopherRepetition.MaxTop2gramShare);
        Assert.Equal(0.05, q.GopherRepetition.MaxDup10gramShare);
        Assert.False(q.C4.Enabled);
        Assert.True(q.C4.TerminalPunctuation);
        Assert.Equal(0.2, q.Fineweb.MinLinePunctRatio);
        Assert.True(q.Pii.Phones);
        Assert.False(q.Pii.Emails);
        Assert.True(q.Pii.IpAddresses);
    }

    [Fact]
    public void A_negative_threshold_is_rejected_with_its_key_and_line()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + "\nquality:\n  fineweb:\n    max_short_line_ratio: -1\n", "corpus.yaml"));
        Assert.Contains("'quality.fineweb.max_short_line_ratio'", e.Message);
        Assert.Contains("line 7", e.Message);
    }

    [Fact]
    public void A_fraction_above_one_is_rejected()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + "\nquality:\n  gopher_repetition:\n    max_top3gram_share: 18\n", "corpus.yaml"));
        Assert.Contains("'quality.gopher_repetition.max_top3gram_share'", e.Message);
        Assert.Contains("allows a number from 0 to 1", e.Message);
    }

    [Fact]
    public void An_unknown_rule_key_is_rejected()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + "\nquality:\n  gopher_quality:\n    min_wordz: 3\n", "corpus.yaml"));
        Assert.Contains("min_wordz", e.Message);
    }
}
