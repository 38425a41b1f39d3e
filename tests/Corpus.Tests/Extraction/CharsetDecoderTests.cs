using System.Text;
using Corpus.Extraction;

namespace Corpus.Tests.Extraction;

public sealed class CharsetDecoderTests
{
    static CharsetDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Windows1252(string s) => Encoding.GetEncoding(1252).GetBytes(s);

    [Fact]
    public void Meta_charset_decides_when_the_header_is_silent()
    {
        var bytes = Windows1252("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body>café “quoted” — £5</body></html>");
        var (text, charset) = CharsetDecoder.Decode(bytes, "text/html");
        Assert.Equal("windows-1252", charset);
        Assert.Contains("café “quoted” — £5", text);
    }

    [Fact]
    public void Header_claiming_utf8_for_latin_bytes_falls_back_to_detection()
    {
        var (text, _) = CharsetDecoder.Decode(Windows1252("<p>café</p>"), "text/html; charset=utf-8");
        Assert.Contains("café", text);
    }

    [Fact]
    public void Utf8_bom_wins()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("<p>naïve</p>")).ToArray();
        var (text, charset) = CharsetDecoder.Decode(bytes, "text/html; charset=iso-8859-1");
        Assert.Equal("utf-8", charset);
        Assert.Equal("<p>naïve</p>", text);
    }

    [Fact]
    public void A_legacy_declaration_over_valid_utf8_text_is_read_as_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta charset=\"gb2312\"></head><body><p>人工智能迈上新台阶</p></body></html>");
        var (text, charset) = CharsetDecoder.Decode(bytes, "text/html");
        Assert.Equal("utf-8", charset);
        Assert.Contains("人工智能迈上新台阶", text);
    }

    [Fact]
    public void A_legacy_declaration_over_legacy_bytes_is_kept()
    {
        var bytes = Encoding.GetEncoding("gb2312").GetBytes("<html><head><meta charset=\"gb2312\"></head><body><p>人工智能迈上新台阶</p></body></html>");
        var (text, charset) = CharsetDecoder.Decode(bytes, "text/html");
        Assert.Equal("gb2312", charset);
        Assert.Contains("人工智能迈上新台阶", text);
    }
}
