using System.Text.Json.Nodes;
using Corpus.Tests.Support;

namespace Corpus.Tests.Cleaning;

/// <summary><c>corpus filter</c> on a JSON Lines corpus Corpus did not crawl.</summary>
public sealed class FilterCommandTests
{
    private static string Seed => string.Join('\n', File.ReadAllLines(RepoPaths.SeedArticle).Where(l => l.Trim().Length > 0));

    private static JsonObject Record(string id, string text, string? language = null)
    {
        var o = new JsonObject { ["id"] = id, ["text"] = text, ["source"] = "elsewhere" };
        if (language is not null) o["language"] = language;
        return o;
    }

    [Fact]
    public async Task Kept_records_are_cleaned_and_counted_excluded_ones_carry_rule_and_value()
    {
        using var dir = new TempDir();
        var input = dir.File("in.jsonl");
        var lines = new[]
        {
            Record("seed", Seed + "\nKontak media lewat humas@kemhan.example.id atau server 8.8.8.8, kata juru bicara &amp; pemilik cafÃ© itu.", "id"),
            Record("short", "Terlalu pendek.", "id"),
            Record("lorem", string.Join('\n', Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", 1)) + "\n" + Seed, "id"),
        };
        await File.WriteAllLinesAsync(input, lines.Select(l => l.ToJsonString()));

        var result = await CliRunner.RunAsync("filter", "--in", input, "--out", dir.File("out.jsonl"), "--excluded", dir.File("excluded.jsonl"), "--each-rule");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("input 3, kept 1, excluded 2", result.Output);
        Assert.Contains("each rule alone would exclude:", result.Output);

        var kept = File.ReadAllLines(dir.File("out.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).Single();
        Assert.Equal("seed", (string)kept["id"]!);
        Assert.Equal("elsewhere", (string)kept["source"]!); // other fields pass through
        var text = (string)kept["text"]!;
        Assert.DoesNotContain("Baca Juga", text);
        Assert.Equal(15, text.Split('\n').Length);
        Assert.Contains("email@example.com", text);
        Assert.Contains("192.0.2.1", text);
        Assert.Contains("bicara & pemilik café itu", text);
        Assert.Equal(4, (int)kept["promos_removed"]!);
        Assert.Equal(1, (int)kept["mojibake_repairs"]!);
        Assert.Equal(1, (int)kept["pii_emails"]!);
        Assert.Equal(1, (int)kept["pii_ip_addresses"]!);

        var excluded = File.ReadAllLines(dir.File("excluded.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(o => (string)o["id"]!);
        // The build's word floor comes before the quality rules, as in `corpus build`.
        Assert.Equal("quality.min_words", (string)excluded["short"]["rule"]!);
        Assert.Equal("excluded", (string)excluded["short"]["disposition"]!);
        Assert.Equal("2", (string)excluded["short"]["value"]!);
        Assert.Equal("c4.lorem_ipsum", (string)excluded["lorem"]["rule"]!);
    }

    [Fact]
    public async Task A_record_without_text_is_a_user_error_naming_the_line()
    {
        using var dir = new TempDir();
        await File.WriteAllLinesAsync(dir.File("in.jsonl"), [Record("a", Seed).ToJsonString(), """{"id": "b"}"""]);
        var result = await CliRunner.RunAsync("filter", "--in", dir.File("in.jsonl"), "--out", dir.File("o.jsonl"), "--excluded", dir.File("x.jsonl"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 2", result.Error);
        Assert.Contains("'text'", result.Error);
    }

    [Fact]
    public async Task Thresholds_come_from_a_recipe_when_given()
    {
        using var dir = new TempDir();
        await File.WriteAllLinesAsync(dir.File("in.jsonl"), [Record("seed", Seed, "id").ToJsonString()]);
        var recipe = dir.File("corpus.yaml");
        await File.WriteAllTextAsync(recipe, """
            name: strict
            version: 1.0.0
            languages: [id]
            sources:
              seeds: [http://example.test/]
            quality:
              gopher_quality:
                min_mean_word_length: 9
            """);
        var result = await CliRunner.RunAsync("filter", "--in", dir.File("in.jsonl"), "--out", dir.File("o.jsonl"), "--excluded", dir.File("x.jsonl"), "--recipe", recipe);
        Assert.True(result.ExitCode == 0, result.Error);
        var excluded = JsonNode.Parse(File.ReadAllLines(dir.File("x.jsonl")).Single())!;
        Assert.Equal("gopher.mean_word_length", (string)excluded["rule"]!);
    }
}
