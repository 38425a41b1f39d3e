using Corpus.Annotation;
using Corpus.Annotation.Language;
using Corpus.Annotation.Topics;

namespace Corpus.Tests.Annotation;

/// <summary>Every data file of the stage loads, and holds what the code relies on.</summary>
public sealed class AnnotationDataTests
{
    [Fact]
    public void Every_data_file_loads_with_rows()
    {
        foreach (var file in AnnotationData.Files) Assert.NotEmpty(AnnotationData.ReadTsv(file));
    }

    [Fact]
    public void The_seventeen_top_level_topics_are_there()
    {
        Assert.Equal(17, IptcTopics.All.Count);
        Assert.Equal("sport", IptcTopics.Get("medtop:15000000").Key);
        Assert.Equal("medtop:16000000", IptcTopics.Get("conflict").Id);
    }

    [Fact]
    public void Section_dictionary_keyword_priors_and_markers_load()
    {
        Assert.True(SectionDictionary.Default.Count > 100);
        Assert.True(KeywordPriors.Load().Count > 1000);
        Assert.True(SpellingMarkers.WordCount > 100);
        Assert.Equal("id", PageEvidence.FromDomain("https://news.example.co.id/a"));
        Assert.Equal("ms", PageEvidence.FromDomain("https://berita.example.my/a"));
        Assert.Null(PageEvidence.FromDomain("https://example.com/a"));
        Assert.True(PageEvidence.Confusable("id", "ms"));
        Assert.False(PageEvidence.Confusable("id", "en"));
    }

    [Fact]
    public void The_shipped_models_load()
    {
        var idMs = IdMsDiscriminator.Default.Model;
        Assert.Equal(["id", "ms"], idMs.Labels);
        Assert.True(idMs.NonZeroBuckets > 10_000);
        Assert.True(IdMsDiscriminator.Default.LogOdds("Polis berkata suspek ditahan kerana kes rompakan.") < 0);
        Assert.True(IdMsDiscriminator.Default.LogOdds("Polisi mengatakan tersangka ditahan karena kasus perampokan.") > 0);
        var topics = TopicModel.Shipped;
        Assert.NotNull(topics.Learned);
        Assert.Contains("medtop:15000000", topics.Learned!.Labels);
        Assert.True(topics.Learned.NonZeroBuckets > 10_000);
    }
}
