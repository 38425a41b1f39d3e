using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using Corpus.Parquet.Writing;
using Corpus.Tests.Support;

namespace Corpus.Tests.Parquet;

/// <summary>
/// Pins what the writer really produces (read back by DuckDB, not by our own code) to the published schema files
/// <c>schemas/&lt;table&gt;/v&lt;N&gt;.json</c>. Adding, removing, retyping or re-describing a column fails here.
/// </summary>
public sealed class SchemaSnapshotTests
{
    public static TheoryData<string> Tables => new() { "articles", "excluded" };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Written_schema_matches_the_published_snapshot(string name)
    {
        var table = name == "articles" ? ArticleSchemas.Articles : ArticleSchemas.Excluded;
        using var dir = new TempDir();
        var doc = new Document
        {
            Id = "00", Url = "http://example.test/a", SourceUrl = "http://example.test/a", Domain = "example.test",
            FetchedAt = DateTimeOffset.UnixEpoch, Text = "Satu dua tiga.",
        };
        var files = await ParquetTableWriter.WriteAsync(table, [doc], dir.Path, "data", "t", new WriteOptions(global::Parquet.CompressionMethod.Zstd, 1 << 20, 1 << 30));
        AssertMatchesPublished(Path.Combine(dir.Path, files.Single().Path), Path.Combine(RepoPaths.Schemas, name, $"v{table.Version}.json"));
    }

    /// <summary>Reads a shard's layout with DuckDB and matches it against a published schema file.</summary>
    internal static void AssertMatchesPublished(string shard, string schemaFile)
    {
        var path = DuckDb.Lit(shard);

        var descriptions = JsonSerializer.Deserialize<Dictionary<string, string>>(
            (string)DuckDb.Query($"SELECT decode(value) AS v FROM parquet_kv_metadata({path}) WHERE decode(key) = 'corpus.columns'").Single()["v"]!)!;
        var schemaTag = (string)DuckDb.Query($"SELECT decode(value) AS v FROM parquet_kv_metadata({path}) WHERE decode(key) = 'corpus.schema'").Single()["v"]!;
        var columns = DuckDb.Query($"SELECT name, type, repetition_type, logical_type FROM parquet_schema({path}) WHERE type IS NOT NULL")
            .Select(r => new
            {
                name = (string)r["name"]!,
                parquet_type = (string)r["type"]!,
                logical_type = ReadableLogicalType(r["logical_type"] as string),
                nullable = (string)r["repetition_type"]! == "OPTIONAL",
                description = descriptions[(string)r["name"]!],
            })
            .ToList();

        var snapshot = new { schema = schemaTag, columns };
        PublishedSnapshot.Match(snapshot, schemaFile);
    }

    // DuckDB prints the integer bit width as a raw byte (' ' for 32); spell it as a number.
    private static string? ReadableLogicalType(string? type) =>
        type is null ? null : System.Text.RegularExpressions.Regex.Replace(type, "bitWidth=(.)", m => $"bitWidth={(int)m.Groups[1].Value[0]}");
}
