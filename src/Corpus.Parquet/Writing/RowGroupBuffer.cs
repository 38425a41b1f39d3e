using System.Text;
using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using Parquet;
using Parquet.Schema;

namespace Corpus.Parquet.Writing;

/// <summary>
/// The rows of one row group, held column by column until the group is full. This is the only place rows wait in
/// memory while a table is written, so a write never holds more than one row group.
/// </summary>
internal sealed class RowGroupBuffer(TableSchema table)
{
    private readonly List<object?>[] _columns = table.Columns.Select(_ => new List<object?>()).ToArray();

    public int Count { get; private set; }

    /// <summary>Uncompressed size of the buffered values (UTF-8 bytes of strings, 8 per fixed-width value).</summary>
    public long Bytes { get; private set; }

    public void Add(Document row, long bytes)
    {
        for (var c = 0; c < _columns.Length; c++) _columns[c].Add(table.Columns[c].Value(row));
        Count++;
        Bytes += bytes;
    }

    public static long EstimateBytes(TableSchema table, Document row)
    {
        long bytes = 0;
        foreach (var column in table.Columns)
            bytes += column.Type == ColumnType.String && column.Value(row) is string s ? Encoding.UTF8.GetByteCount(s) + 4 : 8;
        return bytes;
    }

    // Below this a row group's garbage is small enough to leave to the GC's own schedule.
    private const long LargeGroupBytes = 16L << 20;

    public async Task FlushAsync(ParquetWriter writer, DataField[] fields, CancellationToken ct)
    {
        var bytes = Bytes;
        using (var rg = writer.CreateRowGroup())
        {
            for (var c = 0; c < _columns.Length; c++)
                await WriteColumnAsync(rg, fields[c], table.Columns[c], _columns[c], ct);
        }
        foreach (var column in _columns) column.Clear();
        Count = 0;
        Bytes = 0;
        // A written row group leaves its text and encoding buffers behind on the large-object heap, which the GC only
        // reclaims in a full collection; without one, the next group's buffers pile on top and memory doubles.
        // One collection per row group (~100 MB of data) costs milliseconds and keeps memory bounded by one group.
        if (bytes >= LargeGroupBytes) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static async Task WriteColumnAsync(ParquetRowGroupWriter rg, DataField field, Column column, List<object?> values, CancellationToken ct)
    {
        switch (column.Type)
        {
            case ColumnType.String:
                var strings = new string?[values.Count];
                for (var i = 0; i < strings.Length; i++) strings[i] = (string?)values[i];
                await rg.WriteAsync(field, strings);
                break;
            case ColumnType.Int32:
                await WriteStructAsync<int>(rg, field, column.Nullable, values, ct);
                break;
            case ColumnType.Int64:
                await WriteStructAsync<long>(rg, field, column.Nullable, values, ct);
                break;
            case ColumnType.Double:
                await WriteStructAsync<double>(rg, field, column.Nullable, values, ct);
                break;
            case ColumnType.Boolean:
                await WriteStructAsync<bool>(rg, field, column.Nullable, values, ct);
                break;
            case ColumnType.Timestamp:
                await WriteStructAsync<DateTime>(rg, field, column.Nullable, values, ct);
                break;
        }
    }

    private static async Task WriteStructAsync<T>(ParquetRowGroupWriter rg, DataField field, bool nullable, List<object?> values, CancellationToken ct)
        where T : struct
    {
        if (nullable)
        {
            var data = new T?[values.Count];
            for (var i = 0; i < data.Length; i++) data[i] = (T?)values[i];
            await rg.WriteAsync<T>(field, data.AsMemory(), null, null, ct);
        }
        else
        {
            var data = new T[values.Count];
            for (var i = 0; i < data.Length; i++) data[i] = (T)values[i]!;
            await rg.WriteAsync<T>(field, data.AsMemory(), null, null, ct);
        }
    }
}
