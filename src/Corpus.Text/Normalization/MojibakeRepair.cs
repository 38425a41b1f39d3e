using System.Text;

namespace Corpus.Text.Normalization;

/// <summary>
/// Repairs UTF-8 that was decoded as Windows-1252 or Latin-1 somewhere upstream ("cafÃ©" → "café",
/// "donâ€™t" → "don't"). A run is only replaced when its characters map back to bytes that form one valid UTF-8
/// sequence, so ordinary accented text ("À la carte", "São Paulo") is never touched. Returns the repair count.
/// </summary>
public static class MojibakeRepair
{
    // Windows-1252 characters for bytes 0x80..0x9F; the five undefined bytes read as the C1 control of the same value.
    private const string Cp1252High = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static (string Text, int Repairs) Repair(string text)
    {
        var repairs = 0;
        // Twice: text that went through the wrong decoding two times needs two rounds.
        for (var round = 0; round < 2; round++)
        {
            var (fixedText, n) = RepairOnce(text);
            if (n == 0) break;
            text = fixedText;
            repairs += n;
        }
        return (text, repairs);
    }

    private static (string, int) RepairOnce(string text)
    {
        StringBuilder? sb = null;
        var repairs = 0;
        var copied = 0;
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            if (ToByte(text[i]) is not { } lead || lead < 0xC2 || lead > 0xF4) continue;
            var length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            if (i + length > text.Length) continue;
            bytes[0] = lead;
            var ok = true;
            for (var k = 1; k < length; k++)
            {
                if (ToByte(text[i + k]) is not { } b || b < 0x80 || b > 0xBF) { ok = false; break; }
                bytes[k] = b;
            }
            if (!ok) continue;
            string decoded;
            try { decoded = StrictUtf8.GetString(bytes[..length]); }
            catch (ArgumentException) { continue; }
            sb ??= new StringBuilder(text.Length);
            sb.Append(text, copied, i - copied).Append(decoded);
            copied = i + length;
            i += length - 1;
            repairs++;
        }
        if (sb is null) return (text, 0);
        sb.Append(text, copied, text.Length - copied);
        return (sb.ToString(), repairs);
    }

    private static byte? ToByte(char c)
    {
        if (c < 0x80 || c is >= '\u00A0' and <= '\u00FF') return c < 0x100 ? (byte)c : null;
        if (c is >= '\u0080' and <= '\u009F') return (byte)c;
        var i = Cp1252High.IndexOf(c);
        return i >= 0 ? (byte)(0x80 + i) : null;
    }
}
