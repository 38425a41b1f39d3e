using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Corpus.Tests.Support;

namespace Corpus.Tests.Extraction;

public sealed class ExtractCommandTests
{
    private const string Page = """
        <html lang="en"><head><title>Council funds the new bridge | News Test</title><link rel="canonical" href="http://news.test/bridge.html"></head>
        <body><nav><a href="/">Home</a></nav><article>
        <p>The city council voted on Tuesday to fund a new bridge over the river, ending a debate that lasted three years.</p>
        <p>Read also: <a href="/other">Mayor Opens New Park</a></p>
        <p>Construction is expected to begin next spring, and the mayor said the first lanes could open within two years.</p>
        </article></body></html>
        """;

    private static void WriteGzip(string path, string text)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public async Task Folders_are_read_recursively_including_gzip_and_a_bad_input_gets_an_error_line_and_exit_1()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "in", "sub"));
        File.WriteAllText(Path.Combine(dir.Path, "in", "a.html"), Page);
        WriteGzip(Path.Combine(dir.Path, "in", "sub", "b.html.gz"), Page);
        File.WriteAllText(Path.Combine(dir.Path, "in", "notes.txt"), "not html");
        var missing = Path.Combine(dir.Path, "missing.html");
        var outFile = Path.Combine(dir.Path, "out.jsonl");

        var result = await CliRunner.RunAsync("extract", Path.Combine(dir.Path, "in"), missing, "--out", outFile);

        Assert.Equal(1, result.ExitCode);
        var lines = File.ReadAllLines(outFile).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(3, lines.Count);
        foreach (var ok in lines.Take(2))
        {
            Assert.Equal("http://news.test/bridge.html", (string?)ok["url"]);
            Assert.Equal("Council funds the new bridge", (string?)ok["title"]);
            Assert.Equal("en", (string?)ok["language_declared"]);
            var text = (string)ok["text"]!;
            Assert.StartsWith("The city council voted", text);
            Assert.DoesNotContain("Read also", text);
            Assert.Equal(1, (int)ok["promos_removed"]!);
        }
        Assert.EndsWith("b.html.gz", (string?)lines[1]["source"]);
        Assert.Equal(missing, (string?)lines[2]["source"]);
        Assert.Contains("cannot read", (string?)lines[2]["error"]);
    }

    [Fact]
    public async Task Explain_lists_what_was_left_out_and_why()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "a.html");
        File.WriteAllText(file, Page);
        var result = await CliRunner.RunAsync("extract", file, "--explain");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[chrome.element:nav] Home", result.Error);
        Assert.Contains("Mayor Opens New Park", result.Error);
        Assert.Single(result.Output.Trim().Split('\n'));
    }
}
