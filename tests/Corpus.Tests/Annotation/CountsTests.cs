using Corpus.Annotation.Counts;
using Corpus.Core.Documents;
using Corpus.Core.Text;
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

    [Fact]
    public void Token_counts_equal_the_librarys_on_many_languages_scripts_numbers_emoji_and_long_words()
    {
        string[] texts =
        [
            "Москва — столица России. Президент заявил, что экономика растёт на 3,5% в 2024 году.",
            "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας· ο πρωθυπουργός μίλησε χθες.",
            "قال وزير المالية إن العجز انخفض إلى ٣٫٢ في المئة هذا العام.",
            "שר האוצר אמר כי הגירעון ירד.",
            "대통령은 오늘 서울에서 기자회견을 열었다. 경제 성장률은 2.1%였다.",
            "Thủ tướng Chính phủ đã ký quyết định về việc điều chỉnh giá điện từ ngày 1/10.",
            "Pemerintah menetapkan harga BBM naik Rp1.500 per liter mulai Sabtu (3/9/2022) pukul 14.30 WIB.",
            "Kerajaan Malaysia mengumumkan bajet 2025 bernilai RM421 bilion di Dewan Rakyat semalam.",
            "Der Bundeskanzler äußerte sich gestern zur Straßenverkehrsordnungsänderungsgesetzgebung.",
            "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft und Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz",
            "pneumonoultramicroscopicsilicovolcanoconiosis supercalifragilisticexpialidocious antidisestablishmentarianism",
            new string('a', 300) + " " + new string('z', 70) + " " + string.Concat(Enumerable.Repeat("ab", 200)) + " " + new string('x', 2500),
            "0 00 000 0000 12345678901234567890 3.14159265358979 1,234,567.89 -42 +7 1e10 0x1F 2024-11-30T08:19:21Z",
            "😀😃😄 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏿 ❤️ 🇯🇵🇰🇷 ✈️🚀 emoji👍inside words",
            "!!!??? ... --- *** ((( ))) [[[ ]]] {{{ }}} <<< >>> /// \\\\ ||| ~~~ ``` ''' \"\"\" ;;; ::: ,,,",
            "Tab\tseparated\tvalues\r\nWindows\r\nlines\n\n\n   \n\t\t\nend",
            "I'm sure you'd've known they'll won't can't shan't Y'ALL'RE O'Neill rock'n'roll",
            "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ １２３ and ｶﾀｶﾅ halfwidth",
            "lone surrogates: \ud800 x \udfff y \ud83d",
            "ǅemal ǈubljana ǋiva ᾈᾉ Σίσυφος ΣΊΣΥΦΟΣ İstanbul ıi ß ẞ ﬁ ﬂ",
            "https://www.example.co.id/berita/2024/11/30/harga-beras-naik?utm_source=x&id=123#komentar",
            "नमस्ते दुनिया। यह एक परीक्षण है। ভারত বাংলা ਪੰਜਾਬੀ தமிழ் ไทย ລາວ ქართული Հայերեն አማርኛ",
        ];
        foreach (var text in texts) Assert.Equal(TokenCounter.CountWithLibrary(text), TokenCounter.Count(text));
        // The same texts again, now answered from the per-thread cache.
        foreach (var text in texts) Assert.Equal(TokenCounter.CountWithLibrary(text), TokenCounter.Count(text));
    }

    [Fact]
    public void Token_counts_equal_the_librarys_on_random_mixtures_of_characters()
    {
        // Letters of several scripts and cases, digits, marks, punctuation, spaces, newlines, emoji halves: every
        // branch of the piece scanner and of the merge, in orders no prose has.
        const string alphabet = "aeiouAEIOUnrstlNRSTLéÉßçÇøØ абвАБВ αβγΑΒΓ 中文日本語 한국 ًٌٍ \u0301\u0308 0123456789٣४ .,;:!?'\"-_/\\()[]{}<>@#$%^&*+=|~` \t\r\n\n   ’“”…—–€£¥😀👍🏽🇮🇩";
        var random = new Random(20261130);
        for (var t = 0; t < 400; t++)
        {
            var chars = new char[random.Next(1, 120)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            Assert.True(TokenCounter.CountWithLibrary(text) == TokenCounter.Count(text), $"case {t}: {System.Text.Json.JsonSerializer.Serialize(text)}");
        }
    }

    [Fact]
    public void The_byte_pair_table_holds_every_o200k_token_and_merges_as_the_library_does()
    {
        var ranks = BytePairRanks.O200k;
        Assert.Equal(199_998, ranks.Count);
        // Every single byte is a token; a common word with its space is one token.
        for (var b = 0; b < 256; b++) Assert.True(ranks.Rank([(byte)b]) >= 0);
        Assert.Equal(1, ranks.CountTokens(" the".AsSpan()));
        Assert.True(ranks.Rank("zzqxjq"u8) < 0);
        foreach (var word in new[] { " pemerintah", " Kementerian", "Donaudampfschifffahrt", " антидемократический", "👩‍👩‍👧‍👦" })
            Assert.Equal(TokenCounter.CountWithLibrary(word), ranks.CountTokens(word.AsSpan()));
    }

    [Fact]
    public void Words_lines_and_paragraphs_in_one_pass_equal_the_word_counter_and_the_line_enumerator()
    {
        // Every line break EnumerateLines knows (CR, LF, CR LF, FF, NEL, LS, PS), a vertical tab that is none, blank
        // lines of spaces and tabs, letters, digits that are and are not word characters (Ⅻ ½), marks, surrogates.
        const string alphabet = "abcXYZ éß中文 ٣4 Ⅻ½ \u0301 .,'-  \t\v\r\n\n\r\n\f\u0085\u2028\u2029 😀";
        var random = new Random(20261201);
        var texts = new List<string> { "", "\n", "\r\n", "\r\r\n\n", "a", "a\n", "a\r\nb", "a\n\nb\n", "  \n\t\n", "a\u2028b\u2029\u2029c\f" };
        for (var t = 0; t < 600; t++)
        {
            var chars = new char[random.Next(1, 200)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            texts.Add(new string(chars));
        }
        AssertOnePassCounts(texts);
    }

    // The definition the one-pass count keeps: lines as EnumerateLines splits them, blank when all whitespace.
    /// <summary>The one-pass counts of every text against the word counter and the line enumerator.</summary>
    private static void AssertOnePassCounts(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var (words, lines, paragraphs) = TextCounts.WordsLinesAndParagraphs(text);
            var (expectedLines, expectedParagraphs) = LinesAndParagraphsByEnumerator(text);
            var name = System.Text.Json.JsonSerializer.Serialize(text);
            Assert.True(WordCounter.Count(text) == words, $"words of {name}");
            Assert.True(expectedLines == lines, $"lines of {name}");
            Assert.True(expectedParagraphs == paragraphs, $"paragraphs of {name}");
        }
    }

    private static (int Lines, int Paragraphs) LinesAndParagraphsByEnumerator(string text)
    {
        int blocks = 0, lines = 0;
        bool inBlock = false, sawBlank = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace()) { inBlock = false; sawBlank = true; continue; }
            lines++;
            if (!inBlock) blocks++;
            inBlock = true;
        }
        return (lines, sawBlank ? blocks : lines);
    }

    [Fact]
    public void Token_counts_equal_the_librarys_on_invented_words_short_and_long()
    {
        // Words like the generated pages' (random strings of these letters), some capitalised, some over the 15
        // characters the packed cache holds, between spaces, punctuation and digits; counted twice (the second time
        // from the caches).
        const string letters = "aeioubdgkmnprstlhjy";
        var random = new Random(16);
        var texts = new List<string>();
        for (var t = 0; t < 60; t++)
        {
            var text = new System.Text.StringBuilder();
            for (var w = 0; w < 80; w++)
            {
                var length = random.Next(1, 24);
                for (var i = 0; i < length; i++)
                {
                    var c = letters[random.Next(letters.Length)];
                    text.Append(i == 0 && random.Next(5) == 0 ? char.ToUpperInvariant(c) : c);
                }
                text.Append(random.Next(12) switch { 0 => ". ", 1 => ", ", 2 => "\n", 3 => " 19", 4 => "'s ", _ => " " });
            }
            texts.Add(text.ToString());
        }
        foreach (var text in texts) Assert.Equal(TokenCounter.CountWithLibrary(text), TokenCounter.Count(text));
        foreach (var text in texts) Assert.Equal(TokenCounter.CountWithLibrary(text), TokenCounter.Count(text));
    }

    [Fact]
    public void Token_counts_equal_the_librarys_where_ascii_words_meet_the_end_of_a_sixteen_character_load()
    {
        // Words of 1–20 letters in every case pattern, after every kind of prefix, with contractions, ending at ASCII
        // or at letters, marks and quotes outside ASCII: the pieces the 16-character load decides, the ones it leaves
        // to the general scanner (longer, or ending at a character outside ASCII), and the packing of both.
        string[] prefixes = ["", " ", " ", " ", "\"", "(", "\t", "-", "\n", "\r\n", "1", "é", "“", "  "];
        string[] endings = ["", "", "", "'s", "'T", "'re", "'VE", "'ll", "'d", "'x", "é", "\u0301", "ß", "中", "”", "😀", "9", ".", ",\n", " "];
        var random = new Random(20261201);
        var texts = new List<string>();
        for (var t = 0; t < 300; t++)
        {
            var text = new System.Text.StringBuilder();
            var target = random.Next(1, 220);
            while (text.Length < target)
            {
                text.Append(prefixes[random.Next(prefixes.Length)]);
                var length = random.Next(1, 21);
                var shape = random.Next(4); // small, capitalised, capitals, mixed
                for (var i = 0; i < length; i++)
                {
                    var c = (char)('a' + random.Next(26));
                    text.Append(shape == 2 || (shape == 1 && i == 0) || (shape == 3 && random.Next(3) == 0) ? char.ToUpperInvariant(c) : c);
                }
                text.Append(endings[random.Next(endings.Length)]);
            }
            texts.Add(text.ToString());
        }
        foreach (var text in texts) Assert.True(TokenCounter.CountWithLibrary(text) == TokenCounter.Count(text), System.Text.Json.JsonSerializer.Serialize(text));
        foreach (var text in texts) Assert.True(TokenCounter.CountWithLibrary(text) == TokenCounter.Count(text), System.Text.Json.JsonSerializer.Serialize(text));
    }

    [Fact]
    public void Words_lines_and_paragraphs_of_mostly_ascii_text_equal_the_word_counter_and_the_line_enumerator()
    {
        // Mostly printable ASCII (taken sixteen characters at a time), with every other ASCII character, line breaks and
        // letters outside ASCII now and then, so runs of words and lines start and end on both sides of a load.
        var random = new Random(4);
        var texts = new List<string>();
        for (var t = 0; t < 600; t++)
        {
            var chars = new char[random.Next(1, 300)];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = random.Next(40) switch
                {
                    0 => (char)random.Next(0x20),
                    1 => "é中٣Ⅻ\u0085\u2028\u00a0"[random.Next(7)],
                    2 or 3 => '\n',
                    < 12 => ' ',
                    _ => (char)random.Next(0x20, 0x80),
                };
            texts.Add(new string(chars));
        }
        AssertOnePassCounts(texts);
    }

    [Fact]
    public void The_packed_cache_takes_short_ascii_pieces_only_and_keeps_counts_through_growing_and_emptying()
    {
        Assert.True(ShortPieceCounts.TryPack(" pemerintahnya", out _, out _));
        Assert.False(ShortPieceCounts.TryPack(" pemerintahannya", out _, out _)); // 16 characters
        Assert.False(ShortPieceCounts.TryPack(" café", out _, out _));
        Assert.False(ShortPieceCounts.TryPack("", out _, out _));
        // A trailing NUL makes another piece: the length is part of the key.
        ShortPieceCounts.TryPack("a", out var aLow, out var aHigh);
        ShortPieceCounts.TryPack("a\0", out var nulLow, out var nulHigh);
        var cache = new ShortPieceCounts(maxSlots: 1 << 12);
        cache.Add(aLow, aHigh, 1);
        Assert.False(cache.TryGet(nulLow, nulHigh, out _));
        Assert.True(cache.TryGet(aLow, aHigh, out var one) && one == 1);

        Span<byte> bytes = stackalloc byte[16];
        ShortPieceCounts.TryPack("Kementerian", out var kLow, out var kHigh);
        Assert.Equal("Kementerian", System.Text.Encoding.ASCII.GetString(bytes[..ShortPieceCounts.Unpack(kLow, kHigh, bytes)]));

        // 5,000 distinct pieces through a table that holds at most 3,072: it empties once and keeps the counts after.
        var emptied = false;
        for (var n = 0; n < 5_000; n++)
        {
            ShortPieceCounts.TryPack($"p{n}", out var low, out var high);
            var before = cache.Count;
            cache.Add(low, high, n % 16);
            emptied |= cache.Count < before;
            Assert.True(cache.TryGet(low, high, out var count) && count == n % 16, $"piece p{n}");
        }
        Assert.True(emptied);
        Assert.InRange(cache.Count, 1, 3_072);
        for (var n = 4_999; n > 4_999 - cache.Count; n--)
        {
            ShortPieceCounts.TryPack($"p{n}", out var low, out var high);
            Assert.True(cache.TryGet(low, high, out var count) && count == n % 16, $"piece p{n} after emptying");
        }
    }
}
