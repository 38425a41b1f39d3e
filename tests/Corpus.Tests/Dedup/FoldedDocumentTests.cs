using Corpus.Dedup.MinHash;
using Corpus.Dedup.Text;

namespace Corpus.Tests.Dedup;

/// <summary>
/// The signature stage folds a document once and takes its line keys, exact key and MinHash words from that; these
/// tests hold each to folding the line, the cleaned text or the whole text on its own, on generated texts.
/// </summary>
public sealed class FoldedDocumentTests
{
    [Fact]
    public void Ascii_folds_as_the_table_has_it_letters_lower_cased_digits_to_zero_the_rest_separators()
    {
        for (var c = (char)0; c < 128; c++)
        {
            var expected = char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) : char.IsAsciiDigit(c) ? '0' : TextFolding.Separator;
            Assert.Equal(expected, TextFolding.Fold(c));
        }
    }

    [Fact]
    public void Long_ascii_runs_fold_as_the_table_has_them_whatever_falls_at_a_block_edge()
    {
        // Runs of 32 and more ASCII characters go through the widest step; separators, marks and non-ASCII letters
        // right at a block's edge test how a block hands the owed space to the next step.
        var random = new Random(5);
        const string alphabet = "abcXYZ09 ,.-_\t\"";
        string[] odd = ["\u0301", "\u00e4", "\u4e2d", "\ud83d\ude00", "\u200b", "\n", "  ", ", "];
        var folded = new FoldedDocument();
        for (var t = 0; t < 3000; t++)
        {
            var chars = new System.Text.StringBuilder();
            var length = random.Next(0, 200);
            while (chars.Length < length)
                chars.Append(random.Next(40) == 0 ? odd[random.Next(odd.Length)] : alphabet[random.Next(alphabet.Length)].ToString());
            var text = chars.ToString();
            folded.Fold(text);
            var lines = text.Split('\n');
            Assert.Equal(lines.Length, folded.Lines);
            for (var i = 0; i < lines.Length; i++) Assert.Equal(TextFolding.Fold(lines[i]), folded.Line(i).ToString());
            Assert.Equal(TextFolding.Fold(text), folded.Kept().ToString());
        }
    }

    [Fact]
    public void A_json_string_folds_from_its_bytes_as_its_decoded_text_does()
    {
        // Escapes (a line break among them), two-, three- and four-byte characters, marks and long ASCII runs, at
        // every position against the 32-byte blocks the byte fold takes.
        var random = new Random(17);
        string[] pieces = ["Harga", " ", "beras", "\n", "\n\n", ", ", "12.500", "\u00e9", "e\u0301", "\u4e2d\u6587", "\ud83d\ude00", "\u2014", "\r\n", "\t",
            "\"kata dia\"", "a\\b", "x/y", "\b\f", "\u200b", "Harga BERAS naik 12% di Jakarta, kata dia pada hari Senin.", "WordsWithoutAnySpaceAtAll0123456789"];
        var byBytes = new FoldedDocument();
        var byText = new FoldedDocument();
        if (!FoldedDocument.FoldsJsonStrings)
        {
            Assert.Throws<PlatformNotSupportedException>(() => byBytes.FoldJsonString("a"u8));
            return;
        }
        for (var t = 0; t < 2000; t++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => pieces[random.Next(pieces.Length)]));
            var json = new System.Text.StringBuilder();
            foreach (var c in text)
                json.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '/' when random.Next(2) == 0 => "\\/",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => c.ToString(),
                });
            byBytes.FoldJsonString(System.Text.Encoding.UTF8.GetBytes(json.ToString()));
            byText.Fold(text);
            Assert.Equal(byText.Lines, byBytes.Lines);
            Assert.Equal(byText.TextLength, byBytes.TextLength);
            for (var i = 0; i < byText.Lines; i++)
            {
                Assert.Equal(byText.Line(i).ToString(), byBytes.Line(i).ToString());
                Assert.Equal(byText.LineLength(i), byBytes.LineLength(i));
            }
            Assert.Equal(byText.Kept().ToString(), byBytes.Kept().ToString());
        }
    }

    [Fact]
    public void One_fold_gives_what_folding_each_part_alone_gives()
    {
        var random = new Random(11);
        // Long ASCII pieces too: the fold takes eight ASCII characters at a time once a word is out.
        string[] pieces = ["Harga", " ", "beras", "\n", "\n\n", ", ", "12.500", "é", "e\u0301", "中文", "😀", "—", "\r\n", "  ", "Ikuti terus!", "\u200b",
            "Harga BERAS naik 12% di Jakarta, kata dia.", "a b c d e f g h i j", "x_y$z@[`{~ 09AZaz", "...\t...  ---", "WordsWithoutAnySpaceAtAll"];
        var folded = new FoldedDocument();
        var hasher = new MinHasher(MinHashParameters.Default);
        var a = new uint[MinHashParameters.Default.Permutations];
        var b = new uint[MinHashParameters.Default.Permutations];
        for (var t = 0; t < 1000; t++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 80)).Select(_ => pieces[random.Next(pieces.Length)]));
            folded.Fold(text);
            var lines = text.Split('\n');
            Assert.Equal(lines.Length, folded.Lines);
            for (var i = 0; i < lines.Length; i++) Assert.Equal(TextFolding.Fold(lines[i]), folded.Line(i).ToString());
            Assert.Equal(TextFolding.Fold(text), folded.Kept().ToString());
            Assert.Equal(text.Length, folded.KeptTextLength());

            // Some lines removed: the kept folded text is the cleaned text folded.
            var removed = Enumerable.Range(0, lines.Length).Where(_ => random.Next(3) == 0).ToHashSet();
            foreach (var i in removed) folded.Remove(i);
            var cleaned = string.Join('\n', lines.Where((_, i) => !removed.Contains(i))).Trim('\n');
            Assert.Equal(TextFolding.Fold(cleaned), folded.Kept().ToString());
            if (removed.Count > 0) Assert.Equal(cleaned.Length, folded.KeptTextLength());
            Assert.Equal(Hashes.FoldedText(cleaned), Hashes.Of(folded.Kept()));
            Assert.Equal(hasher.Sign(cleaned, a), hasher.SignFolded(folded.Kept(), b));
            Assert.Equal(a, b);
        }
    }
}
