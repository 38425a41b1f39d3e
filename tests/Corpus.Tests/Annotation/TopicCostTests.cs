using Corpus.Annotation.Topics;

namespace Corpus.Tests.Annotation;

/// <summary>
/// The topic's cost is bounded: the keyword priors read at most <see cref="TopicModel.MaxKeywordChars"/> characters of
/// the text and the regression at most <see cref="TopicModel.MaxChars"/>, whatever the article's length, and the
/// evidence counted only for the priors' own words equals the evidence of every word looked up afterwards.
/// </summary>
public sealed class TopicCostTests
{
    private const string Budget = "The finance minister said the budget deficit narrowed as tax receipts rose, and shares in banks rose after the central bank held interest rates. ";
    private const string Football = "The striker scored twice in the cup final and the coach praised the goalkeeper after the league match. ";

    private static string Repeat(string s, int chars)
    {
        var b = new System.Text.StringBuilder();
        while (b.Length < chars) b.Append(s);
        return b.ToString();
    }

    [Fact]
    public void Past_the_bound_more_text_changes_nothing()
    {
        var article = Repeat(Budget, TopicModel.MaxKeywordChars + 10);
        var longer = article + Repeat(Football, 20_000);
        var model = TopicModel.Shipped;
        Assert.Equal(model.Score(article, "Deficit narrows"), model.Score(longer, "Deficit narrows"));
        Assert.Equal(model.KeywordEvidence(article, null), model.KeywordEvidence(longer, null));
        // Within the bound the same football tail would have counted.
        var shortArticle = Budget + Football;
        var sport = TopicModel.KeywordPriorsOnly.Topics.Select((t, i) => (t, i)).Single(p => p.t.Key == "sport").i;
        Assert.True(model.KeywordEvidence(shortArticle, null)[sport] > 0);
        Assert.Equal(0, model.KeywordEvidence(article, null)[sport]);
    }

    [Fact]
    public void An_article_longer_than_the_regression_s_read_is_scored_by_the_priors_alone()
    {
        var shipped = TopicModel.Shipped;
        var priorsOnly = new TopicModel(IptcTopics.All, KeywordPriors.Load(), "priors", shipped.Learned) { RegressionUpTo = 0 };
        // A model trained on sentences alone reads up to MaxChars.
        var sentences = new TopicModel(IptcTopics.All, KeywordPriors.Load(), "sentences", shipped.Learned) { RegressionUpTo = TopicModel.MaxChars };
        var article = Repeat(Budget, TopicModel.MaxChars + 1);
        Assert.Equal(priorsOnly.Score(article, null), sentences.Score(article, null));
        // A sentence is the regression's to read.
        Assert.NotEqual(priorsOnly.Score(Budget, null), sentences.Score(Budget, null));
        // The shipped model was trained on section-labelled pages too, so its regression reads articles as well.
        Assert.True(shipped.RegressionUpTo > TopicModel.MaxChars);
        Assert.NotEqual(priorsOnly.Score(article, null), shipped.Score(article, null));
    }

    [Fact]
    public void The_regression_reads_the_title_and_the_lead()
    {
        var learned = TopicModel.Shipped.Learned!;
        var weights = new TopicWeights(learned);
        var lead = Repeat(Budget, TopicModel.MaxChars);
        var a = new double[learned.Labels.Count];
        var b = new double[learned.Labels.Count];
        weights.AddScores("Deficit narrows", lead.AsSpan(0, TopicModel.MaxChars), a);
        var expected = learned.Scores(TopicModel.LearnedFeatures(learned, lead + Repeat(Football, 5_000), "Deficit narrows"));
        weights.AddScores("Deficit narrows", lead.AsSpan(0, TopicModel.MaxChars), b);
        for (var c = 0; c < a.Length; c++) Assert.InRange(a[c], expected[c] - 1e-4, expected[c] + 1e-4);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("Timnas Indonesia menang 2-0 atas Vietnam. Pelatih memuji disiplin para pemain, dan penonton bersorak.", "Timnas menang")]
    [InlineData("The finance minister said the budget deficit narrowed; the central bank held interest rates.", null)]
    [InlineData("Words the priors do not know: quorvexing zindle plome.", "Nothing")]
    public void Counting_only_the_priors_words_gives_the_evidence_of_counting_every_word(string text, string? title)
    {
        var priors = KeywordPriors.Load();
        var all = new Dictionary<ulong, float>();
        TopicFeatures.Count(text, all);
        if (title is not null) TopicFeatures.Count(title, all, 2f);
        var expected = new double[IptcTopics.All.Count];
        foreach (var (feature, count) in all)
        {
            if (!priors.TryGetValue(feature, out var w)) continue;
            for (var t = 0; t < w.Length; t++) expected[t] += w[t] * (1 + Math.Log(count));
        }
        Assert.Equal(expected, TopicModel.KeywordPriorsOnly.KeywordEvidence(text, title));
    }
}
