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
}
