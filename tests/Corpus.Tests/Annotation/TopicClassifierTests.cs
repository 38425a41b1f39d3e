using Corpus.Annotation.Topics;

namespace Corpus.Tests.Annotation;

public sealed class TopicClassifierTests
{
    private static readonly TopicClassifier Classifier = new(TopicModel.Builtin, SectionDictionary.Default);

    private const string Football = "Timnas Indonesia menang 2-0 atas Vietnam dalam laga kualifikasi. Dua gol dicetak pada babak kedua, dan pelatih memuji disiplin para pemain.";
    private const string Budget = "The finance minister said the budget deficit narrowed as tax receipts rose, and shares in banks rose after the central bank held interest rates.";

    [Theory]
    [InlineData("Olahraga", null, "medtop:15000000")]
    [InlineData("Sains & Teknologi", null, "medtop:13000000")]
    [InlineData(null, "https://example.com/sport/football/2024/some-story", "medtop:15000000")]
    [InlineData(null, "https://bola.example.co.id/read/2024/01/some-story", "medtop:15000000")]
    [InlineData(null, "https://tekno.example.com/read/2024/01/some-story", "medtop:13000000")]
    [InlineData("Sukan", null, "medtop:15000000")]
    public void The_pages_own_filing_wins(string? section, string? url, string expected)
    {
        var result = Classifier.Classify(Budget, null, section, url);
        Assert.NotNull(result);
        Assert.Equal(expected, result.Topic.Id);
        Assert.Equal("metadata", result.Source);
        // The text still speaks: a sport-filed story about the budget gets economy as its second topic.
        if (expected == "medtop:15000000") Assert.Equal("medtop:04000000", result.Second?.Id);
    }

    [Fact]
    public void Sections_that_say_nothing_fall_through_to_the_text()
    {
        var result = Classifier.Classify(Football, null, "Nasional", "https://example.co.id/berita/2024/01/timnas-menang");
        Assert.Equal("medtop:15000000", result?.Topic.Id);
        Assert.Equal("text", result?.Source);
        Assert.InRange(result!.Score, 0.01, 1.0);
    }

    [Fact]
    public void The_text_model_reads_indonesian_and_english()
    {
        Assert.Equal("medtop:15000000", Classifier.Classify(Football, "Timnas menang", null, null)?.Topic.Id);
        Assert.Equal("medtop:04000000", Classifier.Classify(Budget, null, null, null)?.Topic.Id);
    }

    [Fact]
    public void Without_evidence_there_is_no_topic()
    {
        Assert.Null(Classifier.Classify("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", null, null, null));
    }
}
