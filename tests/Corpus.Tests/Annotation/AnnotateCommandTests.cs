using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

public sealed class AnnotateCommandTests
{
    private static string DevSet => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Annotation", "Data", "annotate-dev.jsonl");

    [Fact]
    public async Task Annotate_adds_the_fields_and_keeps_the_input_ones()
    {
        using var dir = new TempDir();
        var input = dir.File("in.jsonl");
        var lines = new[]
        {
            new JsonObject { ["id"] = "a", ["text"] = "Timnas Indonesia menang 2-0 atas Vietnam dalam laga kualifikasi.\nDua gol dicetak pada babak kedua, dan pelatih memuji disiplin para pemain.", ["url"] = "https://bola.example.co.id/x/y", ["extra"] = 7 },
            new JsonObject { ["id"] = "b", ["text"] = "The finance minister said the budget deficit narrowed as tax receipts rose.", ["title"] = "Deficit narrows" },
        };
        await File.WriteAllLinesAsync(input, lines.Select(l => l.ToJsonString()));
        var output = dir.File("out.jsonl");

        var result = await CliRunner.RunAsync("annotate", "--in", input, "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["a", "b"], rows.Select(r => (string)r["id"]!));
        Assert.Equal(7, (int)rows[0]["extra"]!);
        Assert.Equal("id", (string)rows[0]["language"]!);
        Assert.Equal("medtop:15000000", (string)rows[0]["topic"]!);
        Assert.Equal("metadata", (string)rows[0]["topic_source"]!);
        Assert.Equal("sport", (string)rows[0]["topic_label"]!);
        Assert.Equal(2, (int)rows[0]["paragraph_count"]!);
        Assert.Equal("en", (string)rows[1]["language"]!);
        Assert.Equal("medtop:04000000", (string)rows[1]["topic"]!);
        Assert.Equal("text", (string)rows[1]["topic_source"]!);
        foreach (var row in rows)
        {
            Assert.InRange((double)row["language_score"]!, 0.5, 1.0);
            Assert.InRange((double)row["topic_score"]!, 0.0, 1.0);
            Assert.InRange((int)row["token_count"]!, 5, (int)row["char_count"]!);
        }
    }

    [Fact]
    public async Task A_line_without_text_is_an_error_naming_the_line()
    {
        using var dir = new TempDir();
        var input = dir.File("in.jsonl");
        await File.WriteAllTextAsync(input, "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\"}\n");
        var result = await CliRunner.RunAsync("annotate", "--in", input, "--out", dir.File("out.jsonl"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 2", result.Error);
        Assert.Contains("'text'", result.Error);
    }

    [Fact]
    public async Task Eval_on_the_own_dev_set_meets_the_targets_and_evidence_beats_the_detector_alone()
    {
        var result = await CliRunner.RunAsync("eval", "annotate", "--in", DevSet);
        Assert.True(result.ExitCode == 0, result.Error);
        var idMs = Regex.Match(result.Output, @"id vs ms accuracy: ([\d.]+) .* with evidence; ([\d.]+) .*detector alone");
        Assert.True(idMs.Success, result.Output);
        var combined = double.Parse(idMs.Groups[1].Value, CultureInfo.InvariantCulture);
        var alone = double.Parse(idMs.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(combined > alone, result.Output);
        Assert.True(combined >= 0.95, result.Output);
        Assert.True(Number(result.Output, "topic accuracy") >= 0.85, result.Output);
        Assert.Contains("topic confusion:", result.Output);
    }

    private static double Number(string output, string label) =>
        double.Parse(Regex.Match(output, Regex.Escape(label) + @":? ([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
}
