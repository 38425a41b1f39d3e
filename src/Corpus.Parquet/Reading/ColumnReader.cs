using Parquet;
using Parquet.Schema;

namespace Corpus.Parquet.Reading;

/// <summary>Reads one column of a row group as boxed values, whatever its type (for inspection and verification).</summary>
public static class ColumnReader
{
    public static async Task<object?[]> ReadAsync(ParquetRowGroupReader rg, DataField field, CancellationToken ct = default)
    {
        var n = checked((int)rg.RowCount);
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[n];
            await rg.ReadAsync(field, values.AsMemory(), null, ct);
            return values;
        }
        if (type == typeof(int)) return await ReadStructAsync<int>(rg, field, n, ct);
        if (type == typeof(long)) return await ReadStructAsync<long>(rg, field, n, ct);
        if (type == typeof(double)) return await ReadStructAsync<double>(rg, field, n, ct);
        if (type == typeof(bool)) return await ReadStructAsync<bool>(rg, field, n, ct);
        if (type == typeof(DateTime)) return await ReadStructAsync<DateTime>(rg, field, n, ct);
        throw new NotSupportedException($"column '{field.Name}' has type {type.Name}, which releases do not use");
    }

    private static async Task<object?[]> ReadStructAsync<T>(ParquetRowGroupReader rg, DataField field, int n, CancellationToken ct) where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[n];
            await rg.ReadAsync<T>(field, values.AsMemory(), null, ct);
            return values.Select(v => (object?)v).ToArray();
        }
        var plain = new T[n];
        await rg.ReadAsync<T>(field, plain.AsMemory(), null, ct);
        return plain.Select(v => (object?)v).ToArray();
    }
}
