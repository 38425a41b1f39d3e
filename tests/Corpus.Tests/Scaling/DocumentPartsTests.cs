using Corpus.Pipeline;
using Corpus.Core.Documents;

namespace Corpus.Tests.Scaling;

public sealed class DocumentPartsTests
{
    [Fact]
    public void A_document_crosses_a_part_file_unchanged_in_every_field()
    {
        var d = new Document
        {
            Id = DocumentId.FromUrl("https://example.test/a"), Url = "https://example.test/a", SourceUrl = "https://example.test/a?x=1",
            Domain = "example.test", FetchedAt = new DateTimeOffset(2026, 11, 25, 7, 8, 9, TimeSpan.FromHours(7)).AddTicks(1234567),
            WarcFile = "x.warc.gz", WarcOffset = 123456789012, Text = "Baris satu\nBaris \"dua\" — ünïcödé \u2028 😀",
            Published = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)), Language = "id", LanguageScore = 0.1 + 0.2,
            TopicScore = 1e-17, WordCount = 4, TokenCount = null, LanguageMixed = true, DupClusterSize = 3, PromosRemoved = 2,
        }.MarkDuplicateOf("keeper");
        var back = DocumentParts.FromLine(DocumentParts.ToLine(d));
        Assert.Equal(d, back);
        Assert.Equal(d.FetchedAt!.Value.Offset, back.FetchedAt!.Value.Offset);
        Assert.DoesNotContain("is_kept", DocumentParts.ToLine(d));
    }

    [Fact]
    public void Id_ranges_follow_id_order_and_cover_every_range()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => DocumentId.FromUrl($"https://example.test/{i}")).Order(StringComparer.Ordinal).ToList();
        foreach (var n in new[] { 1, 2, 3, 4, 7, 16 })
        {
            var ranges = ids.Select(id => DocumentParts.RangeOf(id, n)).ToList();
            Assert.Equal(ranges.Order(), ranges);
            Assert.Equal(Enumerable.Range(0, n), ranges.Distinct());
        }
        Assert.Equal(0, DocumentParts.RangeOf("00000000" + new string('f', 24), 4));
        Assert.Equal(3, DocumentParts.RangeOf(new string('f', 32), 4));
        Assert.Throws<InvalidOperationException>(() => DocumentParts.RangeOf("not-hex-at-all", 4));
    }
}
