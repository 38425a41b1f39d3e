using System.Text;
using System.Text.Json.Nodes;
using Corpus.Core.Jsonl;
using Corpus.Dedup;
using Corpus.Dedup.Jsonl;
using Corpus.Dedup.Staging;
using Corpus.Tests.Support;

namespace Corpus.Tests.Dedup;

/// <summary>
/// <c>corpus dedup</c> reads lines as bytes and rewrites them token by token; these tests hold that to the object tree
/// it replaced (<c>JsonNode.Parse</c>, <c>DeepClone</c>, <c>ToJsonString</c>) on generated lines of every shape, byte for
/// byte, and the byte line reader to <see cref="StreamReader.ReadLine"/>.
/// </summary>
public sealed class JsonlReadWriteTests
{
    [Fact]
    public void Rewritten_lines_are_byte_for_byte_what_the_object_tree_writes()
    {
        using var dir = new TempDir();
        var random = new Random(15);
        var lines = Enumerable.Range(0, 1500).Select(i => GeneratedLine(random, i)).ToList();
        File.WriteAllText(dir.File("in.jsonl"), string.Join("\n", lines) + "\n", new UTF8Encoding(false));

        var source = new JsonlDedupSource(dir.File("in.jsonl"));
        var docs = source.Slice(0, 1).ToList();
        Assert.Equal(lines.Count, docs.Count);
        Assert.True(docs.Count(d => d.Payload is JsonlLine) > lines.Count * 0.9, "most lines should take the byte way");
        foreach (var repeatedLines in new[] { true, false })
        {
            var options = new DedupOptions(RepeatedLines: repeatedLines);
            for (var i = 0; i < docs.Count; i++)
            {
                var d = docs[i];
                var tree = JsonLines.ParseObject(lines[i], "in.jsonl", i + 1);
                // What the tree way read: the same fields.
                Assert.Equal((string)tree["id"]!, d.Id);
                Assert.Equal((string)tree["text"]!, d.Text);
                Assert.Equal((string?)tree["url"], d.Url);
                var verdict = new DedupVerdict(d, random.Next(2) == 0 ? d.Text : "cleaned \"text\" \u00e9 </script>", random.Next(3),
                    random.Next(2) == 0 ? null : "keeper-\u4e2d", random.Next(2) == 0 ? null : "cluster\n1", 2);
                var expected = JsonlDedupOutput.ToJson(verdict with { Input = d with { Payload = tree } }, options).ToJsonString(JsonLines.Options) + "\n";
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                JsonlDedupOutput.WriteLine(verdict, options, buffer);
                Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
        }
    }

    [Fact]
    public void The_filter_cuts_lines_from_the_input_bytes_as_the_parsed_way_does()
    {
        var random = new Random(27);
        var lines = Enumerable.Range(0, 1500).Select(i => GeneratedLine(random, i)).ToList();
        var (bytesWay, tries) = CountWrittenTheBytesWay(lines, random, JsonlFilter.TryWrite);
        Assert.True(bytesWay > tries * 0.9, $"most lines should take the byte way ({bytesWay} of {tries})");
    }

    [Fact]
    public void Lines_in_the_writers_own_form_are_copied_as_the_token_way_writes_them()
    {
        // The generated lines as the object tree writes them: no whitespace, the encoder's own escapes. Most of these
        // take the copy; every one must give the bytes of the token way (JsonlDedupOutput.WriteLine).
        var random = new Random(41);
        var lines = Enumerable.Range(0, 1500).Select(i => GeneratedLine(random, i))
            .Select(l => JsonNode.Parse(l)!.ToJsonString(JsonLines.Options)).ToList();
        lines.Add("{\"id\":\"x\",\"text\":\"\\n\\na\\\\n\\n\\nb\\n\\n\\nc\\n\",\"n\":[1,-2.5e3,{\"k\":[true,false,null]},[]],\"o\":{}}");
        var (copied, tries) = CountWrittenTheBytesWay(lines, random, RawLineCopy.TryWrite);
        Assert.True(copied > tries * 0.3, $"lines in the writer's form should be copied ({copied} of {tries})");
    }

    [Fact]
    public void Long_strings_with_accents_escapes_and_DEL_are_copied_as_the_token_way_writes_them()
    {
        // Stops past the first 32 bytes of a string, between them and at its end: the vector scan and the byte loop.
        // (JSON escapes as written: a newline, DEL, a backslash, a quote.)
        var random = new Random(43);
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => (i % 7) switch
        {
            0 => "ä", 1 => @"\n", 2 => @"\u007f", 3 => @"\\", 4 => @"\""", 5 => "é€𝄞", _ => new string('x', i),
        }));
        var lines = new List<string>
        {
            $"{{\"id\":\"a\",\"text\":\"{text}\"}}",
            $"{{\"id\":\"b\",\"title\":\"{new string('y', 70)}ä\",\"text\":\"{new string('z', 95)}\\n{new string('w', 33)}\"}}",
        };
        var normalised = lines.Select(l => JsonNode.Parse(l)!.ToJsonString(JsonLines.Options)).ToList();
        var (copied, tries) = CountWrittenTheBytesWay(lines.Concat(normalised).ToList(), random, RawLineCopy.TryWrite);
        Assert.True(copied >= tries / 2, $"the lines in the writer's form should be copied ({copied} of {tries})");
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]       // a lead byte without its continuation
    [InlineData(new byte[] { 0xE2, 0x82 })]       // a character cut short
    [InlineData(new byte[] { 0xC0, 0xAF })]       // an overlong form
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a surrogate
    public void A_line_that_is_not_UTF8_is_not_copied(byte[] bad)
    {
        foreach (var before in new[] { 3, 45 })
        {
            var line = Encoding.UTF8.GetBytes($"{{\"id\":\"a\",\"text\":\"{new string('x', before)}")
                .Concat(bad).Concat(Encoding.UTF8.GetBytes("yy\"}")).ToArray();
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();

            Assert.False(RawLineCopy.TryWrite(line, [], null, null, new DedupOptions(), buffer));
            Assert.Equal(0, buffer.WrittenCount);
        }
    }

    private delegate bool BytesWayWriter(ReadOnlySpan<byte> line, ReadOnlySpan<int> removed, string? duplicateOf, string? cluster,
        DedupOptions options, System.Buffers.ArrayBufferWriter<byte> buffer);

    /// <summary>
    /// Writes every line with random removed lines and dedup fields, with and without repeated-line removal, through
    /// <paramref name="tryWrite"/>: where it takes a line it must give the token way's bytes (JsonlDedupOutput.WriteLine
    /// of the parsed document), and where it refuses it must leave nothing behind. Returns how often it took the line.
    /// </summary>
    private static (int Taken, int Tries) CountWrittenTheBytesWay(List<string> lines, Random random, BytesWayWriter tryWrite)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.jsonl"), string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        var source = new JsonlDedupSource(dir.File("in.jsonl"));
        var raw = source.RawSlice(0, 1).Select(l => l.Bytes.ToArray()).ToList();
        var docs = source.Slice(0, 1).ToList();
        Assert.Equal(docs.Count, raw.Count);
        var taken = 0;
        foreach (var repeatedLines in new[] { true, false })
        {
            var options = new DedupOptions(RepeatedLines: repeatedLines);
            for (var i = 0; i < docs.Count; i++)
            {
                var d = docs[i];
                var textLines = d.Text.Split('\n');
                var removed = repeatedLines ? Enumerable.Range(0, textLines.Length).Where(_ => random.Next(3) == 0).ToArray() : [];
                // What repeated-line removal gives for those lines (RepeatedLineSet.Clean), written the parsed way.
                var cleaned = removed.Length == 0 ? d.Text : string.Join('\n', textLines.Where((_, k) => !removed.Contains(k))).Trim('\n');
                var duplicateOf = random.Next(2) == 0 ? null : "keeper-\u4e2d";
                var cluster = duplicateOf ?? (random.Next(2) == 0 ? null : "cluster\n1");
                var expected = new System.Buffers.ArrayBufferWriter<byte>();
                JsonlDedupOutput.WriteLine(new DedupVerdict(d, cleaned, removed.Length, duplicateOf, cluster, 2), options, expected);

                var actual = new System.Buffers.ArrayBufferWriter<byte>();
                System.Buffers.BuffersExtensions.Write(actual, "prefix"u8);
                if (tryWrite(raw[i], removed, duplicateOf, cluster, options, actual))
                {
                    Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(actual.WrittenSpan[6..]));
                    taken++;
                }
                else Assert.Equal("prefix", Encoding.UTF8.GetString(actual.WrittenSpan)); // nothing left behind; the parsed way writes it
            }
        }
        return (taken, docs.Count * 2);
    }

    [Fact]
    public void Fields_read_with_the_text_folded_once_are_those_the_parsed_way_reads()
    {
        using var dir = new TempDir();
        var random = new Random(53);
        var lines = Enumerable.Range(0, 1500).Select(i => GeneratedLine(random, i)).ToList();
        // and the plain form the scanner takes, with a nested value and escapes in the text
        lines.AddRange(lines.Take(500).Select(l => JsonNode.Parse(l)!.ToJsonString(JsonLines.Options)));
        File.WriteAllText(dir.File("in.jsonl"), string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        var source = new JsonlDedupSource(dir.File("in.jsonl"));
        var parsed = source.SliceFields(0, 1).ToList();
        var folded = new Corpus.Dedup.Text.FoldedDocument();
        var expected = new Corpus.Dedup.Text.FoldedDocument();
        var seen = 0;
        source.ForEachFolded(0, 1, folded, (index, id, url, host, published, f) =>
        {
            var d = parsed[(int)index];
            Assert.Equal(d.Index, index);
            Assert.Equal(d.Id, id);
            Assert.Equal(d.Url, url);
            Assert.Equal(d.Host, host);
            Assert.Equal(d.Published, published);
            expected.Fold(d.Text);
            Assert.Equal(expected.Lines, f.Lines);
            Assert.Equal(expected.Kept().ToString(), f.Kept().ToString());
            Assert.Equal(expected.KeptTextLength(), f.KeptTextLength());
            seen++;
        });
        Assert.Equal(parsed.Count, seen);
    }

    [Fact]
    public void Bad_lines_are_still_refused_with_their_line_number()
    {
        using var dir = new TempDir();
        foreach (var (bad, message) in new[]
        {
            ("{\"id\":\"a\",\"text\":", "line 2: not valid JSON"),
            ("[1,2]", "line 2: expected a JSON object"),
            ("{\"id\":7,\"text\":\"x\"}", "line 2: field 'id' is missing or not a string"),
            ("{\"id\":\"a\"}", "line 2: field 'text' is missing or not a string"),
            ("{\"id\":\"a\",\"text\":\"x\",\"url\":5}", "line 2: field 'url' must be a string"),
            ("{\"id\":\"a\",\"text\":\"x\",\"published\":\"soon\"}", "line 2: field 'published' is not an ISO 8601 time ('soon')"),
        })
        {
            File.WriteAllText(dir.File("in.jsonl"), "{\"id\":\"ok\",\"text\":\"fine\"}\n" + bad + "\n");
            var e = Assert.Throws<Corpus.Core.CorpusUserException>(() => new JsonlDedupSource(dir.File("in.jsonl")).Slice(0, 1).ToList());
            Assert.Contains(message, e.Message);
        }
    }

    [Fact]
    public void Byte_lines_are_the_lines_a_stream_reader_reads()
    {
        var random = new Random(3);
        string[] pieces = ["a", "{\"x\":1}", "\r", "\n", "\r\n", " ", "\u00e9", "\u4e2d", "😀", "\n\n", "\r\r"];
        for (var t = 0; t < 400; t++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 60);
            for (var i = 0; i < length; i++) sb.Append(pieces[random.Next(pieces.Length)]);
            if (random.Next(4) == 0) sb.Append(new string('y', random.Next(1, 300))); // longer than the buffer below
            var bytes = (random.Next(5) == 0 ? new byte[] { 0xEF, 0xBB, 0xBF } : []).Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();

            var expected = new List<string>();
            using (var sr = new StreamReader(new MemoryStream(bytes), Encoding.UTF8))
                while (sr.ReadLine() is { } l) expected.Add(l);
            var actual = new List<string>();
            using (var reader = new Utf8LineReader(new MemoryStream(bytes), bufferSize: 16))
                while (reader.Next()) actual.Add(Encoding.UTF8.GetString(reader.Current.Span));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void The_merge_interleaves_the_parts_byte_for_byte()
    {
        using var dir = new TempDir();
        var layout = new WorkLayout(dir.File("work"));
        Directory.CreateDirectory(Path.GetDirectoryName(layout.OutputPart(0))!);
        File.WriteAllText(layout.OutputPart(0), "{\"a\":\"\u00e9\"}\n{\"a\":3}\n");
        File.WriteAllText(layout.OutputPart(1), "{\"b\":\"\u4e2d\"}\n");
        using (var writer = JsonLines.OpenWriter(dir.File("out.jsonl")))
            Assert.Equal(3, JsonlDedupOutput.Merge(layout, 2, writer));
        Assert.Equal("{\"a\":\"\u00e9\"}\n{\"b\":\"\u4e2d\"}\n{\"a\":3}\n", File.ReadAllText(dir.File("out.jsonl")));
        var text = new StringWriter { NewLine = "\n" };
        Assert.Equal(3, JsonlDedupOutput.Merge(layout, 2, text));
        Assert.Equal(File.ReadAllText(dir.File("out.jsonl")), text.ToString());
    }

    /// <summary>
    /// One input line: the fields dedup reads in any order, sometimes null or absent, the fields it writes sometimes
    /// already there, extra fields of every JSON type nested, strings with escapes, quotes, control characters,
    /// non-ASCII and astral characters, numbers in every notation, whitespace between tokens; a few lines that must
    /// take the tree way (an escaped name).
    /// </summary>
    private static string GeneratedLine(Random random, int i)
    {
        string Str()
        {
            string[] parts = ["harga", " ", "\\n", "\\\"", "\\\\", "\\u00e9", "é", "中文", "😀", "\\ud83d\\ude00", "<script>", "&amp;", "\\t", "'", "\\/", "+", "\u2028"];
            var sb = new StringBuilder("\"");
            for (var k = random.Next(0, 8); k > 0; k--) sb.Append(parts[random.Next(parts.Length)]);
            return sb.Append('"').ToString();
        }
        string Value(int depth)
        {
            string[] numbers = ["0", "-1", "3.50", "1e5", "-2.5E-3", "12345678901234567890", "0.1"];
            return random.Next(depth > 2 ? 4 : 6) switch
            {
                0 => Str(),
                1 => numbers[random.Next(numbers.Length)],
                2 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
                3 => Str(),
                4 => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(k => $"\"k{k}\":{Value(depth + 1)}")) + "}",
                _ => "[" + string.Join(" , ", Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth + 1))) + "]",
            };
        }
        var fields = new List<string> { $"\"id\":\"doc-{i}\"", $"\"text\":{Str().Insert(1, "teks ")}" };
        if (random.Next(2) == 0) fields.Add(random.Next(5) == 0 ? "\"url\":null" : $"\"url\":\"https://site{i % 3}.test/{i}\"");
        if (random.Next(3) == 0) fields.Add("\"domain\":\"example.test\"");
        if (random.Next(3) == 0) fields.Add("\"published\":\"2024-03-01T10:00:00+07:00\"");
        if (random.Next(4) == 0) fields.Add("\"duplicate_of\":\"old\"");
        if (random.Next(4) == 0) fields.Add("\"repeated_lines_removed\":9");
        if (random.Next(4) == 0) fields.Add($"\"dup_cluster\":{Value(1)}");
        for (var k = random.Next(0, 4); k > 0; k--) fields.Add($"\"extra{k}\":{Value(0)}");
        if (random.Next(40) == 0) fields.Add("\"ext\\u0072a\":1");                  // escaped name
        fields = fields.OrderBy(_ => random.Next()).ToList();
        var separator = random.Next(4) == 0 ? " , " : ",";
        return (random.Next(4) == 0 ? " { " : "{") + string.Join(separator, fields) + (random.Next(4) == 0 ? " } " : "}");
    }
}
