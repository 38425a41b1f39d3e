using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using Corpus.Parquet.Writing;
using Corpus.Tests.Support;
using Parquet;

namespace Corpus.Tests.Parquet;

/// <summary>The shard writer, read back by DuckDB: naming, sizing, order, encodings, statistics, determinism, streaming.</summary>
public sealed class ShardWriterTests
{
    private static IEnumerable<Document> Sorted(int n) =>
        Enumerable.Range(0, n).Select(i => SyntheticRelease.Article(i, text: new string('x', 200) + $" artikel {i} " + string.Join(' ', Enumerable.Range(0, 400).Select(w => (w * 7919 + i) % 10007))))
            .OrderBy(d => d.Id, StringComparer.Ordinal);

    private static WriteOptions Small(CompressionMethod compression = CompressionMethod.Zstd) => new(compression, 64 * 1024, 256 * 1024);

    [Fact]
    public async Task Splits_rows_into_hub_named_shards_and_row_groups_by_uncompressed_size()
    {
        using var dir = new TempDir();
        var files = await ParquetTableWriter.WriteAsync(ArticleSchemas.Articles, Sorted(300), dir.Path, "data", "train", Small());

        Assert.True(files.Count > 1, $"expected several shards, got {files.Count}");
        for (var i = 0; i < files.Count; i++) Assert.Equal($"data/train-{i:00000}-of-{files.Count:00000}.parquet", files[i].Path);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "data"), "*.partial"));
        foreach (var f in files)
        {
            var path = DuckDb.Lit(Path.Combine(dir.Path, f.Path));
            Assert.Equal(f.Rows, DuckDb.Scalar<long>($"SELECT count(*) FROM {path}"));
            Assert.Equal(f.RowGroups, DuckDb.Scalar<long>($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata({path})"));
            Assert.True(f.RowGroups > 1, "64 KB row groups should split a 256 KB shard");
            // No row group is much over its target (one row may overshoot it).
            var biggest = DuckDb.Scalar<long>($"SELECT max(s)::BIGINT FROM (SELECT sum(total_uncompressed_size) s FROM parquet_metadata({path}) GROUP BY row_group_id)");
            Assert.True(biggest < 2 * 64 * 1024, $"row group of {biggest} bytes");
        }

        var ids = DuckDb.Query($"SELECT id FROM {DuckDb.Lit(Path.Combine(dir.Path, "data", "*.parquet"))} ORDER BY filename, file_row_number")
            .Select(r => (string)r["id"]!).ToList();
        Assert.Equal(300, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Theory]
    [InlineData(CompressionMethod.Zstd, "ZSTD")]
    [InlineData(CompressionMethod.Snappy, "SNAPPY")]
    [InlineData(CompressionMethod.Gzip, "GZIP")]
    [InlineData(CompressionMethod.None, "UNCOMPRESSED")]
    public async Task Uses_the_chosen_compression(CompressionMethod method, string duckName)
    {
        using var dir = new TempDir();
        var files = await ParquetTableWriter.WriteAsync(ArticleSchemas.Articles, Sorted(20), dir.Path, "data", "train", Small(method));
        var codecs = DuckDb.Query($"SELECT DISTINCT compression FROM parquet_metadata({DuckDb.Lit(Path.Combine(dir.Path, files[0].Path))})")
            .Select(r => (string)r["compression"]!).ToList();
        Assert.Equal([duckName], codecs);
    }

    [Fact]
    public async Task Dictionary_encodes_low_cardinality_columns_and_writes_statistics()
    {
        using var dir = new TempDir();
        var files = await ParquetTableWriter.WriteAsync(ArticleSchemas.Articles, Sorted(50), dir.Path, "data", "train", new WriteOptions(CompressionMethod.Zstd, 1 << 30, 1 << 30));
        var path = DuckDb.Lit(Path.Combine(dir.Path, files.Single().Path));
        var meta = DuckDb.Query($"SELECT path_in_schema AS col, encodings, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata({path})")
            .ToDictionary(r => (string)r["col"]!);

        foreach (var column in ArticleSchemas.Articles.Columns.Where(c => c.Dictionary))
            Assert.Contains("DICTIONARY", (string)meta[column.Name]["encodings"]!);
        Assert.Equal(["domain", "language", "section", "topic"], ArticleSchemas.Articles.Columns.Where(c => c.Dictionary).Select(c => c.Name).Order());

        var ids = Sorted(50).Select(d => d.Id).ToList();
        Assert.Equal(ids[0], meta["id"]["stats_min_value"]);
        Assert.Equal(ids[^1], meta["id"]["stats_max_value"]);
        Assert.Equal(50L, Convert.ToInt64(meta["author"]["stats_null_count"]));
        Assert.Equal("30", meta["word_count"]["stats_min_value"]);
    }

    [Fact]
    public async Task Same_rows_give_byte_identical_shards()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var fa = await ParquetTableWriter.WriteAsync(ArticleSchemas.Articles, Sorted(120), a.Path, "data", "train", Small());
        var fb = await ParquetTableWriter.WriteAsync(ArticleSchemas.Articles, Sorted(120), b.Path, "data", "train", Small());
        Assert.Equal(fa, fb);
        foreach (var f in fa)
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, f.Path)), File.ReadAllBytes(Path.Combine(b.Path, f.Path)));
    }

    [Fact]
    public async Task Refuses_rows_out_of_id_order()
    {
        using var dir = new TempDir();
        var rows = Sorted(5).Reverse();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ParquetTableWriter.WriteAsync(ArticleSchemas.Articles, rows, dir.Path, "data", "train", Small()));
        Assert.Contains("sorted by id", e.Message);
    }

    [Fact]
    public async Task Streams_each_full_row_group_to_disk_before_reading_further_rows()
    {
        using var dir = new TempDir();
        long? seenOnDisk = null;
        IEnumerable<Document> Rows()
        {
            var i = 0;
            foreach (var d in Sorted(200))
            {
                // By row 150, several 64 KB row groups are full: they must already be in the working shard file.
                if (i++ == 150)
                    seenOnDisk = Directory.GetFiles(Path.Combine(dir.Path, "data")).Sum(f => new FileInfo(f).Length);
                yield return d;
            }
        }
        await ParquetTableWriter.WriteAsync(ArticleSchemas.Articles, Rows(), dir.Path, "data", "train", new WriteOptions(CompressionMethod.None, 64 * 1024, 1 << 30));
        Assert.True(seenOnDisk > 64 * 1024, $"only {seenOnDisk} bytes were on disk after 150 rows");
    }

    [Fact]
    public async Task An_empty_table_is_one_readable_shard()
    {
        using var dir = new TempDir();
        var files = await ParquetTableWriter.WriteAsync(ArticleSchemas.Excluded, [], dir.Path, "excluded", "excluded", Small());
        var f = Assert.Single(files);
        Assert.Equal("excluded/excluded-00000-of-00001.parquet", f.Path);
        Assert.Equal(0, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Lit(Path.Combine(dir.Path, f.Path))}"));
    }
}
