using Corpus.Parquet.Reading;
using Parquet;

namespace Corpus.Reporting;

/// <summary>One row of a shard, by column name; a column the shard's schema version lacks reads as null.</summary>
public sealed class ShardRow(IReadOnlyDictionary<string, object?[]> columns, int index)
{
    public object? this[string column] => columns.TryGetValue(column, out var values) ? values[index] : null;

    public string? String(string column) => this[column] as string;

    public long? Long(string column) => this[column] switch
    {
        int i => i,
        long l => l,
        _ => null,
    };

    public double? Double(string column) => this[column] as double?;

    public DateTime? Time(string column) => this[column] as DateTime?;
}

/// <summary>Streams a release's shards one row group at a time, reading only the columns asked for.</summary>
public static class ShardRows
{
    public static async IAsyncEnumerable<ShardRow> ReadAsync(string releaseDir, IEnumerable<string> files, IReadOnlyCollection<string> columns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(Path.Combine(releaseDir, file));
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
            var fields = reader.Schema.GetDataFields().Where(f => columns.Contains(f.Name)).ToList();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rowGroup = reader.OpenRowGroupReader(g);
                var values = new Dictionary<string, object?[]>(StringComparer.Ordinal);
                foreach (var field in fields) values[field.Name] = await ColumnReader.ReadAsync(rowGroup, field, ct);
                for (var r = 0; r < rowGroup.RowCount; r++) yield return new ShardRow(values, r);
            }
        }
    }
}
