using System.Text;
using System.IO.Compression;
using Corpus.Core.Recipes;
using Corpus.Extraction;
using Corpus.Tests.Support;

namespace Corpus.Tests.Robustness;

/// <summary>Inputs that used to slip through: a stray byte in a UTF-8 page, binary and truncated files, partial outputs.</summary>
public sealed class BadInputTests
{
    static BadInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void One_invalid_byte_in_a_declared_utf8_page_becomes_one_replacement_character_and_the_rest_stays_utf8()
    {
        var head = Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-8\"></head><body><p>Un café à Paris — “très” bon.</p><p>");
        var tail = Encoding.UTF8.GetBytes("</p><p>Kopi di Jakarta, naïve résumé.</p></body></html>");
        byte[] bytes = [.. head, 0xFF, .. tail];
        var decoded = CharsetDecoder.DecodeCounted(bytes, "text/html");
        Assert.Equal("utf-8", decoded.Charset);
        Assert.Equal(1, decoded.InvalidSequences);
        Assert.Contains("Un café à Paris — “très” bon.", decoded.Text);
        Assert.Contains("<p>\uFFFD</p>", decoded.Text);
        Assert.DoesNotContain("Ã", decoded.Text);
    }

    [Fact]
    public void A_windows_1252_page_that_claims_utf8_is_still_read_as_windows_1252()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("<meta charset=\"utf-8\"><p>Un café à Paris — “très” bon, déjà vu, naïve.</p>");
        var decoded = CharsetDecoder.DecodeCounted(bytes, null);
        Assert.Equal("windows-1252", decoded.Charset);
        Assert.Equal(0, decoded.InvalidSequences);
        Assert.Contains("Un café à Paris — “très” bon, déjà vu, naïve.", decoded.Text);
    }

    [Fact]
    public void Many_invalid_bytes_in_a_declared_utf8_page_fall_back_even_with_some_valid_letters()
    {
        var valid = Encoding.UTF8.GetBytes("<meta charset=utf-8><p>café</p>");
        var latin = Encoding.GetEncoding(1252).GetBytes("<p>éèêëàâäôöûüç éèêëàâäôöûüç</p>");
        var decoded = CharsetDecoder.DecodeCounted([.. valid, .. latin], null);
        Assert.Equal("windows-1252", decoded.Charset);
    }

    public static TheoryData<string, byte[], string> BinaryFiles => new()
    {
        { "logo.html", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'], "a PNG image" },
        { "tool.html", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], "an ELF executable" },
        { "report.html", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"u8.ToArray(), "a PDF document" },
        { "blob.html", [(byte)'<', (byte)'p', (byte)'>', 0, 0, 0, 1, 2, 3, 0], "binary (NUL bytes near the start)" },
    };

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public async Task Binary_files_given_to_extract_fail_with_what_they_are(string name, byte[] bytes, string what)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File(name), bytes);
        File.WriteAllText(dir.File("ok.html"), "<html><body><article><p>" + string.Join(" ", Enumerable.Repeat("A real sentence of the page.", 20)) + "</p></article></body></html>");
        var result = await CliRunner.RunAsync("extract", dir.File(name), dir.File("ok.html"));
        Assert.Equal(1, result.ExitCode);
        var lines = result.Output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains($"not HTML: the bytes are {what}", lines[0]);
        Assert.Contains("\"error\"", lines[0]);
        Assert.DoesNotContain("\"error\"", lines[1]);
    }

    [Fact]
    public async Task A_truncated_html_gz_fails_as_truncated_and_a_whole_one_is_extracted()
    {
        using var dir = new TempDir();
        var html = "<html><body><article>" + string.Concat(Enumerable.Range(0, 200).Select(i => $"<p>Paragraph {i} of a long story about the harbour and its ships.</p>")) + "</article></body></html>";
        var compressed = new MemoryStream();
        using (var gz = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(html));
        var whole = compressed.ToArray();
        File.WriteAllBytes(dir.File("whole.html.gz"), whole);
        File.WriteAllBytes(dir.File("cut.html.gz"), whole[..(whole.Length / 2)]);
        File.WriteAllBytes(dir.File("no-trailer.html.gz"), whole[..^4]);
        var result = await CliRunner.RunAsync("extract", dir.File("whole.html.gz"), dir.File("cut.html.gz"), dir.File("no-trailer.html.gz"));
        Assert.Equal(1, result.ExitCode);
        var lines = result.Output.Trim().Split('\n');
        Assert.Contains("Paragraph 199", lines[0]);
        Assert.Contains("truncated gzip", lines[1]);
        Assert.Contains("truncated gzip", lines[2]);
    }

    [Theory]
    [InlineData("filter")]
    [InlineData("annotate")]
    public async Task Filter_and_annotate_leave_no_partial_out_file_when_a_line_is_bad(string command)
    {
        using var dir = new TempDir();
        var good = $$"""{"id":"a","text":"{{string.Join(" ", Enumerable.Repeat("The harbour of the town was busy with ships and the people who worked there every day.", 8))}}","language":"en"}""";
        File.WriteAllText(dir.File("in.jsonl"), good + "\n" + good.Replace("\"a\"", "\"b\"") + "\n{not json\n");
        string[] args = command == "filter"
            ? ["filter", "--in", dir.File("in.jsonl"), "--out", dir.File("out.jsonl"), "--excluded", dir.File("excluded.jsonl"), "--language", "en"]
            : ["annotate", "--in", dir.File("in.jsonl"), "--out", dir.File("out.jsonl"), "--languages", "en"];
        var result = await CliRunner.RunAsync(args);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3: not valid JSON", result.Error);
        Assert.Equal(["in.jsonl"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        // The same command on good input puts the files in place.
        File.WriteAllText(dir.File("in.jsonl"), good + "\n");
        var ok = await CliRunner.RunAsync(args);
        Assert.True(ok.ExitCode == 0, ok.Error);
        var written = string.Concat(Directory.GetFiles(dir.Path, "*.jsonl").Where(f => !f.EndsWith("in.jsonl", StringComparison.Ordinal)).Select(File.ReadAllText));
        Assert.Contains("\"id\":\"a\"", written);
        Assert.True(File.Exists(dir.File("out.jsonl")));
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public async Task Dedup_reads_standard_input_with_in_dash()
    {
        var text = string.Join(" ", Enumerable.Repeat("The harbour of the town was busy with ships and people.", 6));
        var input = $$"""
            {"id":"a","text":"{{text}}"}
            {"id":"b","text":"{{text}}"}
            {"id":"c","text":"Something else entirely, written by someone else on another day."}

            """;
        var (code, output) = await ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "corpus.dll"), "dedup", "--in", "-"], stdin: input);
        Assert.True(code == 0, output);
        var lines = output.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"duplicate_of\":\"a\"", lines[1]);
        Assert.Contains("\"duplicate_of\":null", lines[2]);
    }

    [Theory]
    [InlineData("name: demo\nversion: 1.0.0\nsources: [http://a.test/\n", 4, "while parsing")]
    [InlineData("name: \"demo\nversion: 1.0.0\n", 2, "double-quoted scalar")]
    [InlineData("name: demo\n  version: 1.0.0\n", 2, "")]
    [InlineData("name: demo\nsources:\n\tsitemaps: []\n", 3, "a tab in the indentation")]
    public void A_recipe_yaml_syntax_error_says_what_was_found_and_where(string yaml, int line, string found)
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(yaml, "corpus.yaml"));
        Assert.Matches($@"^corpus\.yaml line {line}(, column \d+)?: not valid YAML: \S", e.Message);
        Assert.Contains(found, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Operation is not valid", e.Message);
        Assert.DoesNotContain("(Line:", e.Message);
    }

    [Theory]
    [InlineData("- name: demo\n- version: 1.0.0\n", "a list")]
    [InlineData("just words\n", "a single value")]
    public async Task A_recipe_whose_top_level_is_not_a_mapping_is_one_sentence_without_type_names(string yaml, string what)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("corpus.yaml"), yaml);
        var result = await CliRunner.RunAsync("build", dir.File("corpus.yaml"), "--out", dir.File("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {dir.File("corpus.yaml")} line 1: the top level is {what}, but a recipe is a mapping of keys (name:, version:, sources: …).", result.Error.Trim());
        Assert.DoesNotContain("Corpus.Core", result.Error);
        Assert.DoesNotContain("System.", result.Error);
    }
}
