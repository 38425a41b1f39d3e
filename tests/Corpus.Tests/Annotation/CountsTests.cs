using Corpus.Annotation.Counts;
using Corpus.Core.Documents;

namespace Corpus.Tests.Annotation;

public sealed class CountsTests
{
    [Fact]
    public void Lines_and_paragraphs()
    {
        Assert.Equal(3, TextCounts.Lines("a\nb\n\nc\n"));
        Assert.Equal(2, TextCounts.Paragraphs("a\nb\n\nc\n"));
        Assert.Equal(3, TextCounts.Paragraphs("a\nb\nc"));
        Assert.Equal(0, TextCounts.Paragraphs(""));
    }

    [Fact]
    public void Counts_stage_fills_every_count_with_the_named_tokenizer()
    {
        var doc = new Document { Id = "x", Url = "u", SourceUrl = "u", Domain = "d", FetchedAt = DateTimeOffset.UnixEpoch, Text = "Harga beras turun.\nPetani senang." };
        var counted = new CountsStage().Process(doc);
        Assert.Equal(doc.Text.Length, counted.CharCount);
        Assert.Equal(5, counted.WordCount);
        Assert.Equal(2, counted.LineCount);
        Assert.Equal(2, counted.ParagraphCount);
        Assert.InRange(counted.TokenCount!.Value, 5, doc.Text.Length);
        Assert.Equal(0, TokenCounter.Count(""));
    }
}
