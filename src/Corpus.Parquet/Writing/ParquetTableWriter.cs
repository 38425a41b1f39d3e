using System.Security.Cryptography;
using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using Parquet;
using Parquet.Schema;

namespace Corpus.Parquet.Writing;

/// <summary>Compression and sizing for written tables.</summary>
public sealed record WriteOptions(CompressionMethod Compression, long RowGroupBytes, long ShardBytes)
{
    public static CompressionMethod ParseCompression(string name) => name switch
    {
        "zstd" => CompressionMethod.Zstd,
        "snappy" => CompressionMethod.Snappy,
        "gzip" => CompressionMethod.Gzip,
        "none" => CompressionMethod.None,
        _ => throw new ArgumentException($"unknown compression '{name}'"),
    };
}

/// <summary>
/// Writes documents as Parquet shards named the Hugging Face way (<c>{prefix}-00000-of-00003.parquet</c>), with
/// explicit row groups. Nothing time-dependent goes into a file, so the same rows give the same bytes.
/// </summary>
public static class ParquetTableWriter
{
    // Rough per-row overhead beside the text, used to size row groups and shards before writing.
    private const int RowOverheadBytes = 400;

    public static async Task<IReadOnlyList<ShardFile>> WriteAsync(
        TableSchema table, IReadOnlyList<Document> rows, string releaseDir, string folder, string prefix, WriteOptions options,
        CancellationToken cancellationToken = default)
    {
        var shards = Partition(rows, options.ShardBytes);
        var files = new List<ShardFile>();
        Directory.CreateDirectory(Path.Combine(releaseDir, folder));
        for (var i = 0; i < shards.Count; i++)
        {
            var relative = $"{folder}/{prefix}-{i:00000}-of-{shards.Count:00000}.parquet";
            var full = Path.Combine(releaseDir, relative);
            var rowGroups = await WriteFileAsync(table, shards[i], full, options, cancellationToken);
            files.Add(new ShardFile(relative, shards[i].Count, new FileInfo(full).Length, Sha256Of(full), rowGroups));
        }
        return files;
    }

    private static List<IReadOnlyList<Document>> Partition(IReadOnlyList<Document> rows, long limit)
    {
        var parts = new List<IReadOnlyList<Document>>();
        var current = new List<Document>();
        long size = 0;
        foreach (var row in rows)
        {
            var rowSize = EstimateBytes(row);
            if (current.Count > 0 && size + rowSize > limit)
            {
                parts.Add(current);
                current = [];
                size = 0;
            }
            current.Add(row);
            size += rowSize;
        }
        // An empty table is still one (empty) shard, so readers find the files and the schema.
        if (current.Count > 0 || parts.Count == 0) parts.Add(current);
        return parts;
    }

    private static long EstimateBytes(Document d) => (long)d.Text.Length * 2 + RowOverheadBytes;

    private static async Task<int> WriteFileAsync(TableSchema table, IReadOnlyList<Document> rows, string path, WriteOptions options, CancellationToken ct)
    {
        var fields = table.Columns.Select(ToField).ToArray();
        var schema = new ParquetSchema(fields);
        var parquetOptions = new ParquetOptions { CompressionMethod = options.Compression };
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var rowGroups = 0;
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, parquetOptions, cancellationToken: ct))
        {
            writer.CustomMetadata = new Dictionary<string, string>
            {
                ["corpus.schema"] = $"{table.Name}/v{table.Version}",
                ["corpus.columns"] = JsonSerializer.Serialize(table.Columns.ToDictionary(c => c.Name, c => c.Description)),
            };
            foreach (var group in Partition(rows, options.RowGroupBytes))
            {
                if (group.Count == 0 && rowGroups > 0) continue;
                using var rg = writer.CreateRowGroup();
                for (var c = 0; c < table.Columns.Count; c++)
                    await WriteColumnAsync(rg, fields[c], table.Columns[c], group, ct);
                rowGroups++;
            }
        }
        stream.Flush(flushToDisk: true);
        return rowGroups;
    }

    private static DataField ToField(Column c) => c.Type switch
    {
        ColumnType.String => new DataField<string>(c.Name, c.Nullable),
        ColumnType.Int32 => new DataField(c.Name, typeof(int), c.Nullable),
        ColumnType.Int64 => new DataField(c.Name, typeof(long), c.Nullable),
        ColumnType.Double => new DataField(c.Name, typeof(double), c.Nullable),
        ColumnType.Timestamp => new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: c.Nullable),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static async Task WriteColumnAsync(ParquetRowGroupWriter rg, DataField field, Column column, IReadOnlyList<Document> rows, CancellationToken ct)
    {
        switch (column.Type)
        {
            case ColumnType.String:
                await rg.WriteAsync(field, rows.Select(r => (string?)column.Value(r)).ToArray());
                break;
            case ColumnType.Int32:
                await WriteStructAsync<int>(rg, field, column, rows, ct);
                break;
            case ColumnType.Int64:
                await WriteStructAsync<long>(rg, field, column, rows, ct);
                break;
            case ColumnType.Double:
                await WriteStructAsync<double>(rg, field, column, rows, ct);
                break;
            case ColumnType.Timestamp:
                await WriteStructAsync<DateTime>(rg, field, column, rows, ct);
                break;
        }
    }

    private static async Task WriteStructAsync<T>(ParquetRowGroupWriter rg, DataField field, Column column, IReadOnlyList<Document> rows, CancellationToken ct)
        where T : struct
    {
        if (column.Nullable)
            await rg.WriteAsync<T>(field, rows.Select(r => (T?)column.Value(r)).ToArray().AsMemory(), null, null, ct);
        else
            await rg.WriteAsync<T>(field, rows.Select(r => (T)column.Value(r)!).ToArray().AsMemory(), null, null, ct);
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
