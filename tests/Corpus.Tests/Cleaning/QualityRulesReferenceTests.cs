using System.Text;
using Corpus.Cleaning.Quality;
using Corpus.Cleaning.Quality.C4;
using Corpus.Cleaning.Quality.FineWeb;
using Corpus.Cleaning.Quality.Gopher;
using Corpus.Testing;

namespace Corpus.Tests.Cleaning;

/// <summary>
/// The Gopher quality, C4 and FineWeb rules read words and lines as ranges of the text; these tests hold them to the
/// rules as first written (<see cref="QualityReference"/>: a string per word and per line) on thousands of generated
/// texts, value for value, and the C4 line pass to the same output text, so no speed-up changes a verdict.
/// </summary>
public sealed class QualityRulesReferenceTests
{
    /// <summary>Thresholds every text trips (when the rule applies), so each rule gives its value to compare.</summary>
    private static IEnumerable<(IQualityRule Now, IQualityRule Reference)> AlwaysTripping() =>
    [
        (new GopherWordCountRule(double.MaxValue, 0), new QualityReference.WordCount(double.MaxValue, 0)),
        (new GopherMeanWordLengthRule(double.MaxValue, 0), new QualityReference.MeanWordLength(double.MaxValue, 0)),
        (new GopherSymbolRatioRule(-1), new QualityReference.SymbolRatio(-1)),
        (new GopherBulletLinesRule(-1), new QualityReference.BulletLines(-1)),
        (new GopherEllipsisLinesRule(-1), new QualityReference.EllipsisLines(-1)),
        (new GopherAlphaWordsRule(2), new QualityReference.AlphaWords(2)),
        (new GopherStopWordsRule(StopWords.Default, double.MaxValue), new QualityReference.StopWordCount(StopWords.Default, double.MaxValue)),
        (new GopherStopWordsRule(StopWords.Default, 3), new QualityReference.StopWordCount(StopWords.Default, 3)),
        (new C4CurlyBracketRule(), new QualityReference.CurlyBracket()),
        (new C4MinSentencesRule(double.MaxValue), new QualityReference.MinSentences(double.MaxValue)),
        (new LinePunctuationRule(2), new QualityReference.LinePunctuation(2)),
        (new ShortLinesRule(-1, 30), new QualityReference.ShortLines(-1, 30)),
        (new DuplicateLineCharsRule(-1), new QualityReference.DuplicateLineChars(-1)),
    ];

    [Fact]
    public void Every_quality_rule_measures_exactly_what_the_reference_measures()
    {
        var random = new Random(23);
        var rules = AlwaysTripping().ToList();
        var values = 0;
        for (var t = 0; t < 3000; t++)
        {
            var text = t % 2 == 0 ? RepetitionRulesReferenceTests.GeneratedText(random) : LinesText(random);
            foreach (var language in new[] { "en", "id", "tr" })
            {
                using var view = new TextView(text, language);
                using var reference = new TextView(text, language);
                foreach (var (now, before) in rules)
                {
                    var expected = before.Check(reference);
                    Assert.True(expected == now.Check(view), $"{now.Name} ({language}) of {Quote(text)}: expected {expected}");
                    if (expected is not null) values++;
                }
            }
        }
        // Most checks compared a value, not two nulls.
        Assert.True(values > 3000 * 3 * rules.Count / 2, $"only {values} values compared");
    }

    [Fact]
    public void The_c4_line_pass_keeps_exactly_the_lines_the_reference_keeps()
    {
        var random = new Random(29);
        C4LineOptions[] settings = [new(true, true, false, 3), new(true, true, true, 5), new(false, false, true, 0), new(false, true, false, 1)];
        var changed = 0;
        for (var t = 0; t < 3000; t++)
        {
            var text = t % 2 == 0 ? LinesText(random) : RepetitionRulesReferenceTests.GeneratedText(random);
            foreach (var options in settings)
            {
                var expected = new QualityReference.C4Lines(options).Filter(text);
                var actual = new C4LineFilter(options).Filter(text);
                Assert.True(expected == actual, $"{options} of {Quote(text)}");
                Assert.Equal(ReferenceEquals(expected, text), ReferenceEquals(actual, text));
                if (!ReferenceEquals(expected, text)) changed++;
            }
        }
        Assert.True(changed > 1000, $"only {changed} texts lost a line");
    }

    private static string Quote(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>
    /// Line-shaped texts: bullets and ellipses, policy phrases and "JavaScript" in any case, upper-case stop words,
    /// Turkish dotted capitals, words longer than any stop word, combining marks, brackets, quotes after terminals,
    /// blank, space-only and CRLF lines.
    /// </summary>
    private static string LinesText(Random random)
    {
        string[] starts = ["", "", "", "• ", "- ", "  * ", "– ", "▪", "● ", "\t◦ ", "‣ ", "# "];
        string[] words =
        [
            "The", "THE", "and", "AND", "yang", "YANG", "dan", "bir", "VE", "İçin", "için", "DİYE", "de", "ve", "of", "in",
            "harga", "beras", "turun", "Cookie", "policy", "Privacy", "Policy", "terms", "of", "use", "JavaScript", "javaSCRIPT",
            "e\u0301te\u0301", "नमस्ते", "北京", "😀", "3.5", "1,000", "{x}", "}", "don't", "...", "…", "#tag",
            new string('a', 70), "Ä" + new string('B', 63), "x",
        ];
        string[] ends = ["", ".", "...", "…", "!", "?\"", ".)", "。", "؟", " ", "\t", "।", "»"];
        var sb = new StringBuilder();
        var lines = random.Next(0, 30);
        for (var l = 0; l < lines; l++)
        {
            if (random.Next(10) == 0) { sb.Append(random.Next(3) switch { 0 => "", 1 => "   ", _ => "\r" }).Append('\n'); continue; }
            sb.Append(starts[random.Next(starts.Length)]);
            var n = random.Next(0, 14);
            for (var w = 0; w < n; w++) sb.Append(words[random.Next(words.Length)]).Append(random.Next(6) == 0 ? ", " : " ");
            sb.Append(ends[random.Next(ends.Length)]);
            if (l + 1 < lines || random.Next(2) == 0) sb.Append(random.Next(8) == 0 ? "\r\n" : "\n");
        }
        return sb.ToString();
    }
}
