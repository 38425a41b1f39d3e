using Corpus.Cleaning;
using Corpus.Cleaning.Normalization;
using Corpus.Core.Documents;
using Corpus.Text.Normalization;
using Corpus.Text;

namespace Corpus.Tests.Cleaning;

public sealed class NormalizationTests
{
    [Fact]
    public void Text_is_nfc_without_invisible_characters_with_folded_whitespace_and_no_blank_lines()
    {
        var text = "Cafe\u0301  baru\u200B dibuka\u00AD.\r\n\n\n  \t Harga\u00A0naik\u0007 lagi. \n\uFEFF";
        Assert.Equal("Café baru dibuka.\nHarga naik lagi.", TextNormalizer.Normalize(text.Replace("\r", "")));
    }

    [Theory]
    [InlineData("\n\n", "")]
    [InlineData(" \u200B \n", "")]
    [InlineData("a\n\u00AD\nb\n", "a\nb")]
    [InlineData("\u200Ba  \t b\u200B \n  c", "a b\nc")]
    public void Lines_left_empty_by_the_folding_are_dropped_with_their_breaks(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("Tom &amp; Jerry", "Tom & Jerry")]
    [InlineData("caf&eacute; &#8220;baru&#8221;", "café “baru”")]
    [InlineData("Tom &amp;amp; Jerry", "Tom & Jerry")]
    [InlineData("AT&T and R&D stay", "AT&T and R&D stay")]
    public void Leftover_entities_are_decoded(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("cafÃ© baru", "café baru", 1)]
    [InlineData("donâ€™t stop", "don’t stop", 1)]
    [InlineData("SÃ£o Paulo and ZÃ¼rich", "São Paulo and Zürich", 2)]
    [InlineData("â€œQuotedâ€\u009D", "“Quoted”", 2)]
    [InlineData("naÃƒÂ¯ve", "naïve", 3)] // decoded wrongly twice: two repairs in the first round, one in the second
    public void Mojibake_is_repaired_and_counted(string input, string expected, int repairs)
    {
        var (text, n) = MojibakeRepair.Repair(input);
        Assert.Equal(expected, text);
        Assert.Equal(repairs, n);
    }

    [Theory]
    [InlineData("À la carte, São Paulo, Zürich, naïve, Ørsted, ½ cup, © 2024")]
    [InlineData("Привет, мир. Ελληνικά. 日本語のテキスト。")]
    [InlineData("Â is a letter; Ã too.")]
    public void Correct_text_is_never_touched(string text) => Assert.Equal((text, 0), MojibakeRepair.Repair(text));

    [Fact]
    public void The_stage_records_repairs_on_the_document()
    {
        var doc = new Document { Id = "1", Url = "u", SourceUrl = "u", Domain = "d", FetchedAt = DateTimeOffset.UnixEpoch, Text = "cafÃ©  &amp; teh" };
        var done = new NormalizationStage().Process(doc);
        Assert.Equal("café & teh", done.Text);
        Assert.Equal(1, done.MojibakeRepairs);
    }
}
