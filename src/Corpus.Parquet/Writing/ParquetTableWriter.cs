using System.Security.Cryptography;
using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using Parquet;
using ParquetSharp;

namespace Corpus.Parquet.Writing;

/// <summary>
/// Streams documents, already sorted by id, into Parquet shards named the Hugging Face way
/// (<c>{prefix}-00000-of-00003.parquet</c>). Rows are gathered in small <see cref="RowBatch"/>es (a few MB) that Apache
/// Arrow's C++ Parquet writer (through ParquetSharp) encodes and compresses into the open row group on a second core
/// (one dedicated <see cref="EncoderThread"/>) while the next batch fills; only the open row group's compressed pages wait in memory until it closes, so memory
/// stays well under one row group of rows whatever the table's size. Row groups close near
/// <see cref="WriteOptions.RowGroupBytes"/> of uncompressed rows and shards near <see cref="WriteOptions.ShardBytes"/>,
/// decided row by row in the caller's order, never by timing. The C++ writer
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
        NativeHeap.KeepLargeBlocksMapped();
        var metadata = new Dictionary<string, string>
        {
            ["corpus.schema"] = $"{table.Name}/v{table.Version}",
            ["corpus.columns"] = JsonSerializer.Serialize(table.Columns.ToDictionary(c => c.Name, c => c.Description), Release.ReleaseJsonContext.Plain),
        };

        // The shard count is only known at the end, so shards are written under a numbered working name and renamed.
        var written = new List<(string Path, long Rows, int RowGroups, long ArrowBytes)>();
        var filling = new RowBatch(table);
        var spare = new RowBatch(table);
        var arrow = new ArrowSize(table);
        var pending = Task.CompletedTask;
        using var encoder = new EncoderThread($"parquet {prefix}");
        OpenShard? shard = null;
        long groupRows = 0, groupBytes = 0, shardBytes = 0;
        string? previousId = null;

        OpenShard Open() => OpenShard.Create(Path.Combine(releaseDir, folder, $"{prefix}-{written.Count:00000}.parquet.partial"), table, options, metadata);

        // Hands the filled batch to the encoder (Arrow's column writers of the open row group, on another core) and
        // fills the other one meanwhile: rows are encoded and compressed as they come, and only the compressed pages of
        // the open row group wait in memory until it closes.
        async Task FlushBatchAsync()
        {
            if (filling.Count == 0) return;
            shard ??= Open();
            await pending;
            var (batch, target) = (filling, shard);
            pending = encoder.Run(() => batch.WriteTo(target.Columns));
            (filling, spare) = (spare, batch);
        }

        async Task CloseGroupAsync()
        {
            if (groupRows == 0) return;
            await FlushBatchAsync();
            await pending;
            var target = shard!;
            pending = encoder.Run(target.CloseGroup);
            target.Rows += groupRows;
            target.RowGroups++;
            target.ArrowBytes += arrow.TakeGroup();
            groupRows = groupBytes = 0;
        }

        async Task CloseShardAsync()
        {
            await CloseGroupAsync();
            if (shard is null) return;
            await pending;
            await encoder.Run(shard.Close);
            written.Add((shard.Path, shard.Rows, shard.RowGroups, shard.ArrowBytes));
            shard = null;
            shardBytes = 0;
        }

        try
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (previousId is not null && string.CompareOrdinal(previousId, row.Id) > 0)
                    throw new InvalidOperationException($"Rows must arrive sorted by id: '{row.Id}' came after '{previousId}'.");
                previousId = row.Id;

                var (values, bytes) = RowBatch.Measure(table, row);
                if (options.OpensShard(shardBytes, bytes)) await CloseShardAsync();
                else if (groupRows > 0 && groupBytes + bytes > options.RowGroupBytes) await CloseGroupAsync();
                filling.Add(values, bytes);
                arrow.Add(values);
                groupRows++;
                groupBytes += bytes;
                shardBytes += bytes;
                if (filling.Bytes >= RowBatch.TargetBytes) await FlushBatchAsync();
            }
            if (shard is null && written.Count == 0 && groupRows == 0)
            {
                // An empty table is still one shard with one empty row group (every column chunk present, empty), so
                // readers find the files and the schema.
                shard = Open();
                await encoder.Run(shard.CloseGroup);
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
        // The C library's allocator rather than Arrow's default (jemalloc), which kept the freed pages of closed row
        // groups: with it the process held ~1.5x the memory at the same row group size (benchmark `write`).
        builder.MemoryPool(MemoryPool.SystemMemoryPool());
        // Dictionary encoding only where a column says values repeat: elsewhere it costs time and then falls back.
        builder.DisableDictionary();
        foreach (var c in table.Columns.Where(c => c.Dictionary)) builder.EnableDictionary(c.Name);
        return builder.Build();
    }

    /// <summary>A row's size as the writer counts it toward <see cref="WriteOptions.RowGroupBytes"/> and <see cref="WriteOptions.ShardBytes"/>.</summary>
    public static long RowBytes(TableSchema table, Document row) => RowBatch.Measure(table, row).Bytes;

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

        private RowGroupWriter? _group;
        private ColumnWriter[]? _columns;

        /// <summary>The column writers of the open row group, opening one (buffered: columns are written side by side) if none is.</summary>
        public IReadOnlyList<ColumnWriter> Columns
        {
            get
            {
                if (_columns is not null) return _columns;
                _group = Writer.AppendBufferedRowGroup();
                var group = _group;
                return _columns = Enumerable.Range(0, Writer.Schema.NumColumns).Select(group.Column).ToArray();
            }
        }

        /// <summary>Closes the open row group, writing its pages to the file (an empty group if none was opened).</summary>
        public void CloseGroup()
        {
            _ = Columns;
            foreach (var column in _columns!) column.Dispose();
            _group!.Dispose();
            (_group, _columns) = (null, null);
        }

        public static OpenShard Create(string path, TableSchema table, WriteOptions options, Dictionary<string, string> metadata)
        {
            var schema = RowBatch.SchemaOf(table);
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
