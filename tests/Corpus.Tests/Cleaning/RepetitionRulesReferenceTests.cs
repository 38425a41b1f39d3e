using System.Globalization;
using System.Text;
using Corpus.Cleaning.Quality;
using Corpus.Cleaning.Quality.GopherRepetition;
using Corpus.Testing;

namespace Corpus.Tests.Cleaning;

/// <summary>
/// The Gopher repetition rules hash n-grams over pooled ranges; these tests hold them to a straightforward reference
/// (strings joined per n-gram, <c>HashSet&lt;string&gt;</c>, <c>string.Split</c>: the rules as they were first written)
/// on thousands of generated texts, value for value, so no speed-up can change what a rule measures.
/// </summary>
public sealed class RepetitionRulesReferenceTests
{
    [Fact]
    public void Every_repetition_rule_measures_exactly_what_the_reference_measures()
    {
        var random = new Random(19);
        var compared = 0;
        for (var t = 0; t < 3000; t++)
        {
            var text = GeneratedText(random);
            using var view = new TextView(text, "en");
            var words = Reference.Words(text);
            foreach (var n in new[] { 2, 3, 4 })
                Assert.True(RepetitionReference.TopNgram(text, words, n) == new TopNgramRule(n, 0).Measure(view), $"top {n}-gram of {Quote(text)}");
            for (var n = 5; n <= 10; n++)
                Assert.True(RepetitionReference.DuplicateNgram(text, words, n) == new DuplicateNgramRule(n, 0).Measure(view), $"dup {n}-gram of {Quote(text)}");
            foreach (var paragraphs in new[] { true, false })
                foreach (var chars in new[] { true, false })
                    Assert.True(RepetitionReference.Segments(text, paragraphs, chars) == new DuplicateSegmentsRule("x", paragraphs, chars, 0).Measure(view),
                        $"segments (paragraphs {paragraphs}, chars {chars}) of {Quote(text)}");
            compared++;
        }
        Assert.Equal(3000, compared);
    }

    [Fact]
    public void The_generated_texts_trip_every_rule_at_the_default_thresholds_somewhere()
    {
        // Guards the property test above: its texts must reach the values that decide exclusions, not only zeros.
        var stage = QualityStages.GopherRepetition(new Corpus.Core.Recipes.GopherRepetitionSettings());
        var random = new Random(19);
        var tripped = new HashSet<string>();
        for (var t = 0; t < 3000; t++)
        {
            var text = GeneratedText(random);
            foreach (var (rule, _) in QualityStages.TripsEach([stage], text, "en")) tripped.Add(rule);
        }
        Assert.Equal(stage.Rules.Select(r => r.Name).Order(), tripped.Order());
    }

    [Fact]
    public void Word_ranges_are_the_words_of_the_splitter()
    {
        var random = new Random(7);
        for (var t = 0; t < 500; t++)
        {
            var text = GeneratedText(random);
            using var table = WordTable.Of(text);
            var ranges = new List<string>();
            for (var i = 0; i < table.Count; i++) ranges.Add(text.Substring(table.Starts[i], table.Lengths[i]));
            Assert.Equal(Reference.Words(text), ranges);
            for (var i = 0; i < table.Count; i++)
                Assert.Equal(ranges[i], ranges[table.Ids[i]]);
            Assert.Equal(ranges.Distinct().Count(), table.Ids.ToArray().Distinct().Count());
        }
    }

    private static string Quote(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>
    /// Texts with repeats at every scale: words from a small vocabulary (so n-grams recur), lines and paragraphs copied
    /// from earlier ones, blank and whitespace lines, CRLF, mid-word punctuation, digits, marks, ideographs, kana and
    /// astral characters.
    /// </summary>
    internal static string GeneratedText(Random random)
    {
        string[] vocabulary =
        [
            "harga", "beras", "turun", "klik", "sini", "the", "a", "don't", "3.5", "1,000", "l'État", "नमस्ते", "北京",
            "カタカナ", "のテスト", "𠀋𠀌", "😀", "x", "Harga", "e\u0301t\u00e9", "...", "—", "#tag", "ok", "berita", "hari", "ini",
        ];
        var size = random.Next(4) switch { 0 => random.Next(0, 12), 1 => random.Next(10, 80), _ => random.Next(50, 600) };
        var vocabularySize = 2 + random.Next(vocabulary.Length - 1);
        var sb = new StringBuilder();
        var lines = new List<string>();
        var line = new StringBuilder();
        for (var w = 0; w < size; w++)
        {
            line.Append(vocabulary[random.Next(vocabularySize)]);
            var r = random.Next(100);
            if (r < 70) line.Append(' ');
            else if (r < 75) line.Append(". ");
            else if (r < 78) line.Append(",  ");
            else if (r < 80) line.Append('\t');
            else
            {
                lines.Add(line.ToString());
                line.Clear();
                var copy = random.Next(10) < 3 && lines.Count > 1;
                sb.Append(copy ? lines[random.Next(lines.Count)] : lines[^1]);
                sb.Append(random.Next(12) switch { 0 => "\n\n", 1 => "\n\n\n", 2 => "\r\n", 3 => "\n \n", 4 => "\n\n\n\n", _ => "\n" });
            }
        }
        sb.Append(line);
        if (random.Next(5) == 0) sb.Insert(0, random.Next(2) == 0 ? "\n\n  " : " ");
        if (random.Next(5) == 0) sb.Append(random.Next(2) == 0 ? "\n\n" : "\n \t");
        if (random.Next(10) == 0) sb.Append(sb.ToString()); // a whole document twice
        return sb.ToString();
    }

    /// <summary>The word splitter as first written (the measures are <see cref="RepetitionReference"/>).</summary>
    private static class Reference
    {
        /// <summary>The word splitter as first written, one string per word.</summary>
        public static List<string> Words(string text)
        {
            var words = new List<string>();
            var start = -1;
            var kind = 0; // 0 none, 1 letter, 2 digit, 3 katakana
            void Flush(int end)
            {
                if (start >= 0 && end > start) words.Add(text[start..end]);
                start = -1;
            }
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length)
                {
                    var cp = char.ConvertToUtf32(c, text[i + 1]);
                    Flush(i);
                    if (cp is >= 0x20000 and <= 0x3134F) words.Add(text.Substring(i, 2));
                    i++;
                    continue;
                }
                var k = Classify(c);
                if (k == 4 && start >= 0) continue;
                if (k == 5)
                {
                    Flush(i);
                    words.Add(c.ToString());
                    kind = 0;
                    continue;
                }
                if (k is 1 or 2 or 3)
                {
                    if (start >= 0 && (kind == 3) != (k == 3)) Flush(i);
                    if (start < 0) start = i;
                    kind = k;
                    continue;
                }
                if (start >= 0 && i + 1 < text.Length)
                {
                    var next = Classify(text[i + 1]);
                    if ((c is '\'' or '’') && kind == 1 && next == 1) continue;
                    if ((c is '.' or ',') && kind == 2 && next == 2) continue;
                }
                Flush(i);
                kind = 0;
            }
            Flush(text.Length);
            return words;
        }

        // 0 none, 1 letter, 2 digit, 3 katakana, 4 mark, 5 a word of its own (ideograph, hiragana)
        private static int Classify(char c)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF') return 5;
            if (c is >= '\u3040' and <= '\u309F') return 5;
            if (c is >= '\u30A0' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F') return 3;
            return CharUnicodeInfo.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => 4,
                UnicodeCategory.DecimalDigitNumber => 2,
                _ when char.IsLetter(c) => 1,
                _ when char.IsDigit(c) => 2,
                _ => 0,
            };
        }
    }
}
