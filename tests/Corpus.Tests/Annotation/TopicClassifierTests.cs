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

    [Theory]
    [InlineData("The athletes won two gold medals and a bronze at the championships.", "medtop:15000000")]
    [InlineData("Doctors said the patients showed symptoms of the infection before treatment began.", "medtop:07000000")]
    [InlineData("Para ilmuwan menemukan fosil dinosaurus di laboratorium itu dengan mikroskop.", "medtop:13000000")]
    [InlineData("Wisatawan sebaiknya membawa paspor dan visa sebelum penerbangan ke bandara.", "medtop:10000000")]
    [InlineData("Presiden dan parlemen membahas konstitusi dalam referendum tersebut.", "medtop:11000000")]
    [InlineData("Pelancong perlu membuat tempahan penginapan sebelum percutian ke taman negara.", "medtop:10000000")]
    [InlineData("Penyanyi itu mengadakan konsert dan persembahan di pawagam bersama pelakon terkenal.", "medtop:01000000")]
    public void The_keyword_priors_know_general_vocabulary_of_each_seed_language(string text, string expected)
    {
        // General words of each topic, not only headline words: a single sentence gives evidence without any training.
        Assert.Equal(expected, Classifier.Classify(text, null, null, null)?.Topic.Id);
    }

    [Theory]
    [InlineData("Lawyers for the company told the high court that the takeover deal was legal, and the judge will give her ruling on the merger next week.", "medtop:04000000")]
    [InlineData("Police arrested two men after a robbery at a jewellery shop, and they will appear in court on Monday charged with theft.", "medtop:02000000")]
    [InlineData("Polisi menangkap dua tersangka pencurian sepeda motor dan menyita barang bukti di lokasi kejadian.", "medtop:02000000")]
    public void Crime_needs_words_of_its_own_beside_the_court(string text, string expected)
    {
        // Business and politics go to court too: the court's words alone do not outweigh a takeover, while police,
        // arrests and theft still make a crime story.
        Assert.Equal(expected, Classifier.Classify(text, null, null, null)?.Topic.Id);
    }

    [Fact]
    public void Keyword_evidence_is_the_same_however_often_it_is_asked()
    {
        // The per-thread counting table is cleared after each text: a second text does not carry the first's words.
        var first = TopicModel.Builtin.KeywordEvidence(Budget, null);
        var football = TopicModel.Builtin.KeywordEvidence(Football, "Timnas menang");
        Assert.Equal(first, TopicModel.Builtin.KeywordEvidence(Budget, null));
        Assert.NotEqual(first, football);
        Assert.Equal(TopicModel.Builtin.KeywordEvidence("", null), new double[first.Length]);
    }

    [Fact]
    public void Without_evidence_there_is_no_topic()
    {
        Assert.Null(Classifier.Classify("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", null, null, null));
    }
}
