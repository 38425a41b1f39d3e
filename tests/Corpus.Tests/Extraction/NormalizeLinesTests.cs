using Corpus.Text;

namespace Corpus.Tests.Extraction;

/// <summary>
/// The extractor normalizes its lines one by one into one buffer (<see cref="TextNormalizer.NormalizeLines"/>); the
/// result must be the whole text's <see cref="TextNormalizer.Normalize"/>, joined by line feeds, in every case.
/// </summary>
public sealed class NormalizeLinesTests
{
    public static TheoryData<string[]> Cases() => new()
    {
        new[] { "plain ascii", "two  spaces\there", "  padded  " },
        new[] { "AT&amp;T and &amp;amp;eacute;", "caf&eacute; &#233; &#x20AC;" },
        // An entity whose digits follow on the next line: numeric references allow white space, so the whole text reads it.
        new[] { "ends with &#", "12; starts the next" },
        new[] { "an open & ampersand", "then; a semicolon" },
        new[] { "&amp;#", "10;" },
        new[] { "a line break &#10; decoded inside", "after" },
        // Decomposed accents (NFC composes them), one at the start of a line, and characters NFC rewrites.
        new[] { "cafe\u0301", "\u0301leading mark", "\u0958 \u212B \u2126", "Ἀθῆναι" },
        new[] { "zero\u200Bwidth soft\u00ADhyphen \u202Ebidi", "\uE000private", "\u0007bell" },
        new[] { "", "   ", "\t", "kept" },
        new[] { "Ελληνικά και русский", "中文，标点。", "ąęłńóśźż ÀÉÎÕÜ" },
        new[] { "ı and ſ and K", "\u00A0non\u00A0breaking\u2003em space" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lines_normalized_one_by_one_are_the_whole_text_normalized(string[] lines) =>
        Assert.Equal(TextNormalizer.Normalize(string.Join('\n', lines)), TextNormalizer.NormalizeLines(lines));

    [Fact]
    public void Random_lines_from_a_hostile_alphabet_normalize_as_the_whole_text()
    {
        const string alphabet = "aé e\u0301\u0301&;#x1233\t\n  .,AZ\u00A0\u200B\u0958\u1F08\u0345ſıK&amp;&lt;";
        var random = new Random(17);
        for (var round = 0; round < 2000; round++)
        {
            var lines = new string[random.Next(1, 6)];
            for (var i = 0; i < lines.Length; i++)
                lines[i] = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(TextNormalizer.Normalize(string.Join('\n', lines)), TextNormalizer.NormalizeLines(lines));
        }
    }
}
