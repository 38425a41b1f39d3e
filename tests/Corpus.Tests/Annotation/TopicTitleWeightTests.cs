using Corpus.Annotation.Topics;

namespace Corpus.Tests.Annotation;

/// <summary>The headline keeps its say against the body of a long article (<see cref="TopicModel.TitleWeight"/>).</summary>
public sealed class TopicTitleWeightTests
{
    private const string Headline = "Striker scores twice as league leaders win";

    // A lead sentence of another topic, then a long body with no keyword at all: beside a headline counted twice, the
    // lead's economy words outweigh it; beside a headline weighted by the article's length, they do not.
    private static readonly string Article = "The budget deficit narrowed as tax receipts rose and inflation slowed.\n" +
        string.Join(" ", Enumerable.Repeat("He told us later that they would see it again there, and then some more.", 40));

    [Fact]
    public void A_long_article_keeps_its_headlines_topic_against_a_lead_of_another()
    {
        var classifier = new TopicClassifier(TopicModel.KeywordPriorsOnly, SectionDictionary.Default);
        Assert.Equal("sport", classifier.Classify(Article, Headline, null, null)?.Topic.Key);
        // Without the headline the lead decides: the article is the test's, not a body about sport.
        Assert.Equal("economy", classifier.Classify(Article, null, null, null)?.Topic.Key);
    }

    [Fact]
    public void The_shipped_model_follows_the_headline_of_a_long_article_too()
    {
        var classifier = new TopicClassifier(TopicModel.Shipped, SectionDictionary.Default);
        Assert.Equal("sport", classifier.Classify(Article, Headline, null, null)?.Topic.Key);
    }

    [Fact]
    public void A_headline_counts_twice_beside_a_text_of_up_to_600_characters_and_more_beside_a_longer_one()
    {
        Assert.Equal(2f, TopicModel.TitleWeight(0));
        Assert.Equal(2f, TopicModel.TitleWeight(TopicModel.MaxChars));
        Assert.Equal(8f, TopicModel.TitleWeight(4 * TopicModel.MaxChars));
        // A short text with its title: the title's words count exactly as the same words written twice.
        const string text = "The finance minister said the budget deficit narrowed.";
        const string title = "Striker scores";
        Assert.Equal(TopicModel.KeywordPriorsOnly.KeywordEvidence(text + "\n" + title + "\n" + title, null),
            TopicModel.KeywordPriorsOnly.KeywordEvidence(text, title));
    }
}
