using System.Text.Json.Nodes;
using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Jsonl;
using Corpus.Tests.Support;

namespace Corpus.Tests.Core;

/// <summary>The JSON Lines record the stage commands hand each other: provenance only when known, dispositions kept.</summary>
public sealed class DocumentJsonTests
{
    private static string Seed => string.Join('\n', File.ReadAllLines(RepoPaths.SeedArticle).Where(l => l.Trim().Length > 0));

    [Fact]
    public void A_record_without_provenance_gives_a_document_without_it_and_writes_none_back()
    {
        var d = DocumentJson.Read(JsonNode.Parse("""{"id":"a","text":"Satu dua tiga."}""")!.AsObject(), "in.jsonl", 1);
        Assert.Null(d.Url);
        Assert.Null(d.SourceUrl);
        Assert.Null(d.Domain);
        Assert.Null(d.FetchedAt);
        Assert.True(d.IsKept);

        var json = DocumentJson.Write(d);
        foreach (var field in DocumentJson.Provenance) Assert.False(json.ContainsKey(field), field);
        Assert.Equal("a", (string)json["id"]!);
    }

    [Fact]
    public void Provenance_and_disposition_survive_a_round_trip()
    {
        var d = new Document
        {
            Id = "b", Url = "http://a.test/x.html", SourceUrl = "http://a.test/x.html?utm_source=y", Domain = "a.test",
            FetchedAt = new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567), WarcFile = "c.warc.gz", WarcOffset = 4096,
            Text = "Teks.", Published = new DateTimeOffset(2024, 6, 23, 12, 30, 0, TimeSpan.FromHours(7)),
        }.Exclude("quality.min_words", "1");

        var json = DocumentJson.Write(d);
        Assert.Equal("2026-11-30T01:02:03.1234567Z", (string)json["fetched_at"]!);
        Assert.Equal("2024-06-23T05:30:00Z", (string)json["published"]!);
        var back = DocumentJson.Read(JsonNode.Parse(json.ToJsonString())!.AsObject(), "in.jsonl", 1);
        Assert.Equal((d.Url, d.SourceUrl, d.Domain, d.FetchedAt, d.WarcFile, d.WarcOffset), (back.Url, back.SourceUrl, back.Domain, back.FetchedAt, back.WarcFile, back.WarcOffset));
        Assert.Equal(d.Published, back.Published);
        Assert.Equal((Disposition.Excluded, "quality.min_words", "1"), (back.Disposition, back.ExclusionRule, back.ExclusionValue));
    }

    [Theory]
    [InlineData("""{"id":"a","text":"t","fetched_at":"yesterday"}""", "'fetched_at' is not an ISO 8601 time")]
    [InlineData("""{"id":"a","text":"t","disposition":"lost"}""", "'disposition' must be")]
    [InlineData("""{"id":"a","text":"t","disposition":"excluded"}""", "needs 'rule'")]
    [InlineData("""{"id":"a","text":"t","warc_offset":"x"}""", "'warc_offset' must be a whole number")]
    public void A_bad_field_is_a_user_error_naming_the_line(string line, string message)
    {
        var e = Assert.Throws<CorpusUserException>(() => DocumentJson.Read(JsonNode.Parse(line)!.AsObject(), "in.jsonl", 7));
        Assert.Contains("in.jsonl line 7", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task Filter_writes_kept_records_to_standard_output_and_the_rest_to_the_excluded_file_without_inventing_provenance()
    {
        using var dir = new TempDir();
        await File.WriteAllLinesAsync(dir.File("in.jsonl"),
        [
            new JsonObject { ["id"] = "seed", ["text"] = Seed, ["language"] = "id" }.ToJsonString(),
            new JsonObject { ["id"] = "short", ["text"] = "Terlalu pendek.", ["language"] = "id" }.ToJsonString(),
            new JsonObject { ["id"] = "gone", ["text"] = "", ["disposition"] = "failed", ["error"] = "HTTP 404" }.ToJsonString(),
        ]);

        var result = await CliRunner.RunAsync("filter", "--in", dir.File("in.jsonl"), "--excluded", dir.File("x.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error);
        var kept = JsonNode.Parse(result.Output.Trim().Split('\n').Single())!.AsObject();
        Assert.Equal("seed", (string)kept["id"]!);
        foreach (var field in DocumentJson.Provenance) Assert.False(kept.ContainsKey(field), field);
        // The summary goes to standard error, since standard output carries the records.
        Assert.Contains("input 3, kept 1, excluded 2", result.Error);
        var excluded = File.ReadAllLines(dir.File("x.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(o => (string)o["id"]!);
        Assert.Equal(("excluded", "quality.min_words"), ((string)excluded["short"]["disposition"]!, (string)excluded["short"]["rule"]!));
        Assert.Equal(("failed", "HTTP 404"), ((string)excluded["gone"]["disposition"]!, (string)excluded["gone"]["error"]!));
    }
}
