using Corpus.Annotation.Counts;
using Corpus.Core.Documents;
using Corpus.Tests.Support;

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

    [Fact]
    public void Token_counts_equal_the_librarys_on_every_vendored_text_and_on_edge_cases()
    {
        var dir = Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Annotation", "Data");
        var texts = Directory.EnumerateFiles(dir, "*.jsonl").SelectMany(File.ReadLines)
            .Select(l => (string)System.Text.Json.Nodes.JsonNode.Parse(l)!["text"]!).ToList();
        texts.AddRange(
        [
            "It's 5:30pm -- they've said I'LL go, we'd QUOTE \"x\"\r\n\r\n  indented\ttab  \n\n\n",
            "1234567 3.14159 ½ Ⅻ ١٢٣ ۴۵",
            "   leading spaces and trailing   ",
            "emoji 👍🏽 and flags 🇮🇩 and e\u0301 combining ÉCOLE Ǆungla ǅx",
            "中文文本，没有空格。日本語のテキスト。ภาษาไทย अनुच्छेद हिन्दी",
            "path/to/file.html?x=1&y=2 //comment\n/* block */",
            "ALLCAPS WORDS'S and MixedCase McDonald's iPhone",
            "",
        ]);
        foreach (var text in texts) Assert.Equal(TokenCounter.CountWithLibrary(text), TokenCounter.Count(text));
    }
}
