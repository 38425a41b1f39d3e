using System.Globalization;
using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using Corpus.Parquet.Writing;
using Corpus.Tests.Support;
using Parquet;

namespace Corpus.Tests.Parquet;

/// <summary>
/// Readers skip row groups by their footer statistics, so wrong statistics give wrong answers without any error.
/// Every timestamp and numeric column of both tables is range-filtered through DuckDB (statistics in use) and the
/// count compared with a scan of all values; the footer itself is checked for what older readers need.
/// </summary>
public sealed class StatisticsTests : IDisposable
{
    private static readonly DateTime Epoch2000 = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // Values rise with the row's position (so row groups cover different ranges and skipping matters), with nulls mixed in.
    private static IEnumerable<Document> Rows(int n)
    {
        var sorted = Enumerable.Range(0, n).Select(i => SyntheticRelease.Article(i)).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        return sorted.Select((d, i) => d with
        {
            Published = i % 7 == 3 ? null : new DateTimeOffset(Epoch2000.AddDays(i * 37.3), TimeSpan.Zero),
            Modified = i % 5 == 1 ? null : new DateTimeOffset(Epoch2000.AddDays(i * 37.3 + 2.5).AddTicks(i * 17 * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero),
            FetchedAt = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i * 4111.5),
            WarcOffset = i % 4 == 0 ? null : 1_000_000_000L * i,
            WordCount = 20 + i * 3, CharCount = 100 + i * 19, TokenCount = i % 6 == 0 ? null : 40 + i * 5,
            PromosRemoved = i % 4, DupClusterSize = 1 + i / 50, LineCount = 3 + i, ParagraphCount = 3 + i / 2,
            MojibakeRepairs = i / 30, PiiEmails = i % 3, PiiIpAddresses = i / 90, PiiPhones = i % 2, RepeatedLinesRemoved = i / 10,
            LanguageScore = 0.5 + i / (2.0 * n), TopicScore = i % 9 == 0 ? null : 1.0 - i / (1.5 * n),
            LanguageMixed = i % 11 == 0,
        }).Select((d, i) => i % 3 == 2 ? d.Exclude("quality.min_words", "12") : d);
    }

    private async Task<string> WriteAsync(TableSchema table, Func<Document, bool> take)
    {
        // Row groups of ~16 KB: the table spans many of them.
        var options = new WriteOptions(CompressionMethod.Zstd, 16 * 1024, 1 << 30);
        var files = await ParquetTableWriter.WriteAsync(table, Rows(600).Where(take), _dir.Path, table.Name, table.Name, options);
        Assert.True(files.Single().RowGroups > 5, $"only {files.Single().RowGroups} row groups");
        return Path.Combine(_dir.Path, files.Single().Path);
    }

    public static TheoryData<string> Tables => new() { "articles", "excluded" };

    private static TableSchema Table(string name) => name == "articles" ? ArticleSchemas.Articles : ArticleSchemas.Excluded;

    private Task<string> ShardAsync(string name) => WriteAsync(Table(name), d => d.IsKept == (name == "articles"));

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Range_filters_on_every_timestamp_and_numeric_column_agree_with_a_full_scan(string name)
    {
        var file = DuckDb.Lit(await ShardAsync(name));
        var columns = Table(name).Columns.Where(c => c.Type is ColumnType.Timestamp or ColumnType.Int32 or ColumnType.Int64 or ColumnType.Double).ToList();
        Assert.NotEmpty(columns);
        foreach (var c in columns)
        {
            // All values, read without any filter, as numbers (microseconds for timestamps).
            var read = c.Type == ColumnType.Timestamp ? $"epoch_us({c.Name})" : c.Name;
            var values = DuckDb.Query($"SELECT {read} AS v FROM {file}").Select(r => r["v"]).OfType<object>().Select(Convert.ToDouble).Order().ToList();
            Assert.NotEmpty(values);
            var thresholds = new[] { values[0], values[values.Count / 4], values[values.Count / 2], values[values.Count * 3 / 4], values[^1] }
                .Append(values[0] - 1).Append(values[^1] + 1).Distinct();
            foreach (var t in thresholds)
            {
                var literal = Literal(c.Type, t);
                foreach (var (op, test) in new (string, Func<double, bool>)[] { (">=", v => v >= t), ("<", v => v < t), ("=", v => v == t), (">", v => v > t) })
                {
                    var filtered = DuckDb.Scalar<long>($"SELECT count(*) FROM {file} WHERE {c.Name} {op} {literal}");
                    Assert.True(values.Count(test) == filtered, $"{name}.{c.Name} {op} {literal}: DuckDB's filtered count {filtered}, a full scan counts {values.Count(test)}");
                }
            }
        }
    }

    private static string Literal(ColumnType type, double value) => type switch
    {
        ColumnType.Timestamp => "TIMESTAMPTZ '" + DateTime.UnixEpoch.AddTicks((long)value * TimeSpan.TicksPerMicrosecond).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00'",
        // Quoted: DuckDB reads a bare 0.998… as a DECIMAL, which need not round to the same double.
        ColumnType.Double => "'" + value.ToString("R", CultureInfo.InvariantCulture) + "'::DOUBLE",
        _ => ((long)value).ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task The_published_query_of_the_issue_counts_what_a_full_scan_counts()
    {
        var file = DuckDb.Lit(await ShardAsync("articles"));
        var expected = Rows(600).Count(d => d.IsKept && d.Published >= new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True(expected > 0);
        Assert.Equal(expected, DuckDb.Scalar<long>($"SELECT count(*) FROM {file} WHERE published >= TIMESTAMPTZ '2024-01-01'"));
        var before2000 = Rows(600).Count(d => d.IsKept && d.Published < new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(before2000, DuckDb.Scalar<long>($"SELECT count(*) FROM {file} WHERE published < TIMESTAMPTZ '2000-01-01'"));
    }

    [Fact]
    public async Task Timestamp_statistics_are_in_the_column_unit_and_carry_the_legacy_converted_type()
    {
        var file = DuckDb.Lit(await ShardAsync("articles"));
        var schema = DuckDb.Query($"SELECT name, converted_type FROM parquet_schema({file}) WHERE type = 'INT64' AND logical_type LIKE 'TimestampType%'");
        Assert.Equal(["fetched_at", "modified", "published"], schema.Select(r => (string)r["name"]!).Order());
        Assert.All(schema, r => Assert.Equal("TIMESTAMP_MICROS", r["converted_type"]));

        // The file-wide minimum of fetched_at, from the footer, is the first row's value to the microsecond.
        var first = Rows(600).First(d => d.IsKept).FetchedAt!.Value.UtcDateTime;
        var minimum = DuckDb.Query($"SELECT min(stats_min_value) AS m FROM parquet_metadata({file}) WHERE path_in_schema = 'fetched_at'").Single()["m"];
        Assert.Equal(first.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), ((string)minimum!)[..19]);
    }

    [Fact]
    public async Task Boolean_columns_have_min_and_max()
    {
        var file = DuckDb.Lit(await ShardAsync("articles"));
        var stats = DuckDb.Query($"SELECT stats_min_value AS lo, stats_max_value AS hi FROM parquet_metadata({file}) WHERE path_in_schema = 'language_mixed'");
        Assert.NotEmpty(stats);
        Assert.All(stats, r => Assert.True(r["lo"] is "false" or "true" && r["hi"] is "false" or "true", $"min {r["lo"]} max {r["hi"]}"));
        Assert.Contains(stats, r => (string)r["hi"]! == "true");
        var mixed = Rows(600).Count(d => d.IsKept && d.LanguageMixed);
        Assert.Equal(mixed, DuckDb.Scalar<long>($"SELECT count(*) FROM {file} WHERE language_mixed"));
    }

    [Fact]
    public async Task Dictionary_page_offsets_point_at_dictionary_pages()
    {
        var path = await ShardAsync("articles");
        var chunks = DuckDb.Query($"SELECT path_in_schema AS col, dictionary_page_offset AS dict, data_page_offset AS data, encodings FROM parquet_metadata({DuckDb.Lit(path)})");
        var dictionaryColumns = ArticleSchemas.Articles.Columns.Where(c => c.Dictionary).Select(c => c.Name).ToHashSet();
        var bytes = File.ReadAllBytes(path);
        foreach (var chunk in chunks)
        {
            var column = (string)chunk["col"]!;
            if (!dictionaryColumns.Contains(column))
            {
                Assert.Null(chunk["dict"]);
                continue;
            }
            var offset = Convert.ToInt64(chunk["dict"]);
            Assert.True(offset < Convert.ToInt64(chunk["data"]), $"{column}: dictionary page at {offset}, data pages from {chunk["data"]}");
            // A Thrift PageHeader starts with field 1 (type, i32 zigzag): 0x15, then the type; DICTIONARY_PAGE = 2 → 0x04.
            Assert.True(bytes[offset] == 0x15 && bytes[offset + 1] == 0x04, $"{column}: the bytes at dictionary_page_offset {offset} are not a dictionary page header");
        }
    }
}
