using System.Security.Cryptography;
using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using Parquet;
using ParquetSharp;

namespace Corpus.Parquet.Writing;

/// <summary>
/// Streams documents, already sorted by id, into Parquet shards named the Hugging Face way
/// (<c>{prefix}-00000-of-00003.parquet</c>). Rows wait in a <see cref="RowGroupBuffer"/> until a row group is full;
/// the full group is then encoded and written (Apache Arrow's C++ Parquet writer, through ParquetSharp) on a second
/// core while the next one fills, so memory is bounded by two row groups whatever the table's size. The C++ writer
/// gives every column chunk min/max statistics in the column's own unit (timestamps in microseconds, booleans
/// included), the legacy converted types beside the logical ones, and a <c>dictionary_page_offset</c> that points at
/// the dictionary page. Nothing time-dependent goes into a file (no write time, no random ids), so the same rows with
/// the same options give the same bytes. Call it once per table, or once per id range with its own folder or prefix.
/// </summary>
public static class ParquetTableWriter
{
    /// <summary>zstd level 3, the library's own default and DuckDB's; Arrow's default of 1 gives ~10 % larger files.</summary>
    public const int ZstdLevel = 3;

    public static async Task<IReadOnlyList<ShardFile>> WriteAsync(
        TableSchema table, IEnumerable<Document> rows, string releaseDir, string folder, string prefix, WriteOptions options,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.Combine(releaseDir, folder));
        var metadata = new Dictionary<string, string>
        {
            ["corpus.schema"] = $"{table.Name}/v{table.Version}",
            ["corpus.columns"] = JsonSerializer.Serialize(table.Columns.ToDictionary(c => c.Name, c => c.Description)),
        };

        // The shard count is only known at the end, so shards are written under a numbered working name and renamed.
        var written = new List<(string Path, long Rows, int RowGroups, long ArrowBytes)>();
        var filling = new RowGroupBuffer(table);
        var spare = new RowGroupBuffer(table);
        var pending = Task.CompletedTask;
        OpenShard? shard = null;
        string? previousId = null;

        OpenShard Open() => OpenShard.Create(Path.Combine(releaseDir, folder, $"{prefix}-{written.Count:00000}.parquet.partial"), table, options, metadata);

        async Task FlushGroupAsync()
        {
            if (filling.Count == 0) return;
            shard ??= Open();
            shard.Rows += filling.Count;
            shard.Bytes += filling.Bytes;
            shard.RowGroups++;
            shard.ArrowBytes += filling.ArrowBytes();
            // The group before this one is on disk, so its buffer is free to fill while this one is written.
            await pending;
            var (group, target) = (filling, shard);
            pending = Task.Run(() => group.WriteTo(target.Writer), cancellationToken);
            (filling, spare) = (spare, group);
        }

        async Task CloseShardAsync()
        {
            if (shard is null) return;
            await pending;
            shard.Close();
            written.Add((shard.Path, shard.Rows, shard.RowGroups, shard.ArrowBytes));
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

                var (values, bytes) = RowGroupBuffer.Measure(table, row);
                var shardBytes = (shard?.Bytes ?? 0) + filling.Bytes;
                if (shardBytes > 0 && shardBytes + bytes > options.ShardBytes)
                {
                    await FlushGroupAsync();
                    await CloseShardAsync();
                }
                else if (filling.Count > 0 && filling.Bytes + bytes > options.RowGroupBytes)
                {
                    await FlushGroupAsync();
                }
                filling.Add(values, bytes);
            }
            await FlushGroupAsync();
            // An empty table is still one shard with one empty row group, so readers find the files and the schema.
            if (shard is null && written.Count == 0)
            {
                shard = Open();
                // The row group still needs every column chunk (empty), or readers reject the file.
                filling.WriteTo(shard.Writer);
                shard.RowGroups = 1;
            }
            await CloseShardAsync();
        }
        catch
        {
            // Release the working file so the caller can delete its temporary folder; the error is what matters.
            try { await pending; } catch (Exception) { /* the first error is the one to report */ }
            shard?.Abandon();
            throw;
        }

        var files = new List<ShardFile>();
        for (var i = 0; i < written.Count; i++)
        {
            var relative = $"{folder}/{prefix}-{i:00000}-of-{written.Count:00000}.parquet";
            var full = Path.Combine(releaseDir, relative);
            File.Move(written[i].Path, full);
            files.Add(new ShardFile(relative, table.Name, written[i].Rows, new FileInfo(full).Length, Sha256Of(full), written[i].RowGroups, written[i].ArrowBytes));
        }
        return files;
    }

    private static WriterProperties PropertiesFor(TableSchema table, WriteOptions options)
    {
        using var builder = new WriterPropertiesBuilder();
        builder.Compression(options.Compression switch
        {
            CompressionMethod.Zstd => Compression.Zstd,
            CompressionMethod.Snappy => Compression.Snappy,
            CompressionMethod.Gzip => Compression.Gzip,
            CompressionMethod.None => Compression.Uncompressed,
            _ => throw new ArgumentOutOfRangeException(nameof(options), $"compression {options.Compression} is not supported"),
        });
        if (options.Compression == CompressionMethod.Zstd) builder.CompressionLevel(ZstdLevel);
        // Dictionary encoding only where a column says values repeat: elsewhere it costs time and then falls back.
        builder.DisableDictionary();
        foreach (var c in table.Columns.Where(c => c.Dictionary)) builder.EnableDictionary(c.Name);
        return builder.Build();
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>A shard being written; closing it writes the footer and fsyncs the file.</summary>
    private sealed class OpenShard
    {
        private readonly ParquetSharp.Schema.GroupNode _schema;

        private OpenShard(string path, ParquetSharp.Schema.GroupNode schema, ParquetFileWriter writer)
        {
            Path = path;
            _schema = schema;
            Writer = writer;
        }

        public string Path { get; }
        public ParquetFileWriter Writer { get; }
        public long Rows { get; set; }
        public long Bytes { get; set; }
        public int RowGroups { get; set; }
        public long ArrowBytes { get; set; }

        public static OpenShard Create(string path, TableSchema table, WriteOptions options, Dictionary<string, string> metadata)
        {
            var schema = RowGroupBuffer.SchemaOf(table);
            using var properties = PropertiesFor(table, options);
            return new OpenShard(path, schema, new ParquetFileWriter(path, schema, properties, metadata));
        }

        public void Abandon()
        {
            try { Writer.Dispose(); } catch (Exception) { /* the file is being thrown away */ }
            _schema.Dispose();
        }

        public void Close()
        {
            Writer.Close();
            Writer.Dispose();
            _schema.Dispose();
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite);
            stream.Flush(flushToDisk: true);
        }
    }
}
