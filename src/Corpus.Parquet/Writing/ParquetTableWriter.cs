using System.Security.Cryptography;
using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using Parquet;
using Parquet.Schema;

namespace Corpus.Parquet.Writing;

/// <summary>
/// Streams documents, already sorted by id, into Parquet shards named the Hugging Face way
/// (<c>{prefix}-00000-of-00003.parquet</c>). Rows wait in one <see cref="RowGroupBuffer"/> at a time, so memory is
/// bounded by one row group whatever the table's size. Nothing time-dependent goes into a file (no write time, no
/// random ids), so the same rows with the same options give the same bytes.
/// </summary>
public static class ParquetTableWriter
{
    public static async Task<IReadOnlyList<ShardFile>> WriteAsync(
        TableSchema table, IEnumerable<Document> rows, string releaseDir, string folder, string prefix, WriteOptions options,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.Combine(releaseDir, folder));
        var fields = table.Columns.Select(ToField).ToArray();
        var schema = new ParquetSchema(fields);
        var parquetOptions = ParquetOptionsFor(table, fields, options);
        var metadata = new Dictionary<string, string>
        {
            ["corpus.schema"] = $"{table.Name}/v{table.Version}",
            ["corpus.columns"] = JsonSerializer.Serialize(table.Columns.ToDictionary(c => c.Name, c => c.Description)),
        };

        // The shard count is only known at the end, so shards are written under a numbered working name and renamed.
        var written = new List<(string Path, long Rows, int RowGroups)>();
        var buffer = new RowGroupBuffer(table);
        OpenShard? shard = null;
        string? previousId = null;

        async Task FlushGroupAsync()
        {
            if (buffer.Count == 0) return;
            shard ??= await OpenShard.CreateAsync(Path.Combine(releaseDir, folder, $"{prefix}-{written.Count:00000}.parquet.partial"), schema, parquetOptions, metadata, cancellationToken);
            shard.Rows += buffer.Count;
            shard.Bytes += buffer.Bytes;
            shard.RowGroups++;
            await buffer.FlushAsync(shard.Writer, fields, cancellationToken);
        }

        async Task CloseShardAsync()
        {
            if (shard is null) return;
            await shard.DisposeAsync();
            written.Add((shard.Path, shard.Rows, shard.RowGroups));
            shard = null;
        }

        try
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (previousId is not null && string.CompareOrdinal(previousId, row.Id) > 0)
                    throw new InvalidOperationException($"Rows must arrive sorted by id: '{row.Id}' came after '{previousId}'.");
                previousId = row.Id;

                var bytes = RowGroupBuffer.EstimateBytes(table, row);
                var shardBytes = (shard?.Bytes ?? 0) + buffer.Bytes;
                if (shardBytes > 0 && shardBytes + bytes > options.ShardBytes)
                {
                    await FlushGroupAsync();
                    await CloseShardAsync();
                }
                else if (buffer.Count > 0 && buffer.Bytes + bytes > options.RowGroupBytes)
                {
                    await FlushGroupAsync();
                }
                buffer.Add(row, bytes);
            }
            await FlushGroupAsync();
            // An empty table is still one shard with one empty row group, so readers find the files and the schema.
            if (shard is null && written.Count == 0)
            {
                shard = await OpenShard.CreateAsync(Path.Combine(releaseDir, folder, $"{prefix}-00000.parquet.partial"), schema, parquetOptions, metadata, cancellationToken);
                // The row group still needs every column chunk (empty), or readers reject the file.
                await buffer.FlushAsync(shard.Writer, fields, cancellationToken);
                shard.RowGroups = 1;
            }
            await CloseShardAsync();
        }
        catch
        {
            // Release the working file so the caller can delete its temporary folder; the error is what matters.
            if (shard is not null) await shard.AbandonAsync();
            throw;
        }

        var files = new List<ShardFile>();
        for (var i = 0; i < written.Count; i++)
        {
            var relative = $"{folder}/{prefix}-{i:00000}-of-{written.Count:00000}.parquet";
            var full = Path.Combine(releaseDir, relative);
            File.Move(written[i].Path, full);
            files.Add(new ShardFile(relative, table.Name, written[i].Rows, new FileInfo(full).Length, Sha256Of(full), written[i].RowGroups));
        }
        return files;
    }

    private static ParquetOptions ParquetOptionsFor(TableSchema table, DataField[] fields, WriteOptions options)
    {
        var parquet = new ParquetOptions
        {
            CompressionMethod = options.Compression,
            // SmallestSize (the library default) is zstd's slowest level; Optimal is the level DuckDB and Arrow use by default.
            CompressionLevel = System.IO.Compression.CompressionLevel.Optimal,
        };
        for (var c = 0; c < table.Columns.Count; c++)
            if (table.Columns[c].Dictionary)
                parquet.ColumnEncodingHints[fields[c].Path.ToString()] = EncodingHint.Dictionary;
        return parquet;
    }

    public static DataField ToField(Column c) => c.Type switch
    {
        ColumnType.String => new DataField<string>(c.Name, c.Nullable),
        ColumnType.Int32 => new DataField(c.Name, typeof(int), c.Nullable),
        ColumnType.Int64 => new DataField(c.Name, typeof(long), c.Nullable),
        ColumnType.Double => new DataField(c.Name, typeof(double), c.Nullable),
        ColumnType.Boolean => new DataField(c.Name, typeof(bool), c.Nullable),
        ColumnType.Timestamp => new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: c.Nullable),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>A shard being written; disposing it writes the footer and fsyncs the file.</summary>
    private sealed class OpenShard : IAsyncDisposable
    {
        private readonly FileStream _stream;

        private OpenShard(string path, FileStream stream, ParquetWriter writer)
        {
            Path = path;
            _stream = stream;
            Writer = writer;
        }

        public string Path { get; }
        public ParquetWriter Writer { get; }
        public long Rows { get; set; }
        public long Bytes { get; set; }
        public int RowGroups { get; set; }

        public static async Task<OpenShard> CreateAsync(string path, ParquetSchema schema, ParquetOptions options, Dictionary<string, string> metadata, CancellationToken ct)
        {
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20);
            var writer = await ParquetWriter.CreateAsync(schema, stream, options, cancellationToken: ct);
            writer.CustomMetadata = metadata;
            return new OpenShard(path, stream, writer);
        }

        public async Task AbandonAsync()
        {
            try { await Writer.DisposeAsync(); } catch (Exception) { /* the file is being thrown away */ }
            await _stream.DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Writer.DisposeAsync();
            _stream.Flush(flushToDisk: true);
            await _stream.DisposeAsync();
        }
    }
}
