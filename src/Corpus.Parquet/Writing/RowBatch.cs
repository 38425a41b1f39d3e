using System.Runtime.InteropServices;
using System.Text;
using Corpus.Core.Documents;
using Corpus.Parquet.Schema;
using ParquetSharp;
using Column = Corpus.Parquet.Schema.Column;
using Encoding = System.Text.Encoding;

namespace Corpus.Parquet.Writing;

/// <summary>
/// A few megabytes of rows on their way into the open row group, held column by column in their Parquet physical form:
/// strings as UTF-8 bytes in pinned blocks (no UTF-16 copies, no per-value allocations), timestamps as microseconds,
/// nulls as definition levels. The blocks are reused from one batch to the next.
/// </summary>
internal sealed class RowBatch
{
    /// <summary>A batch is handed to the encoder at this many bytes of rows (or at the end of a row group).</summary>
    public const long TargetBytes = 4L << 20;

    private readonly ColumnBuffer[] _columns;

    public RowBatch(TableSchema table) => _columns = table.Columns.Select(ColumnBuffer.For).ToArray();

    public int Count { get; private set; }

    /// <summary>Uncompressed size of the buffered values (UTF-8 bytes of strings + 4, 8 per fixed-width value).</summary>
    public long Bytes { get; private set; }

    /// <summary>A row's values, read once, and its size in the same measure as <see cref="Bytes"/>.</summary>
    public static (object?[] Values, long Bytes) Measure(TableSchema table, Document row)
    {
        var values = new object?[table.Columns.Count];
        long bytes = 0;
        for (var c = 0; c < values.Length; c++)
        {
            var v = values[c] = table.Columns[c].Value(row);
            bytes += table.Columns[c].Type == ColumnType.String && v is string s ? Encoding.UTF8.GetByteCount(s) + 4 : 8;
        }
        return (values, bytes);
    }

    public void Add(object?[] values, long bytes)
    {
        for (var c = 0; c < _columns.Length; c++) _columns[c].Add(values[c]);
        Count++;
        Bytes += bytes;
    }

    /// <summary>Appends the rows to the open row group's column writers and empties the batch.</summary>
    public void WriteTo(IReadOnlyList<ColumnWriter> columns)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            _columns[c].WriteTo(columns[c], Count);
            _columns[c].Clear();
        }
        Count = 0;
        Bytes = 0;
    }

    /// <summary>The table's Parquet schema: one primitive node per column, with its logical type.</summary>
    public static ParquetSharp.Schema.GroupNode SchemaOf(TableSchema table) =>
        new("schema", Repetition.Required, table.Columns.Select(ColumnBuffer.NodeFor).ToArray());

    private abstract class ColumnBuffer
    {
        protected readonly bool Nullable;
        protected short[] Levels = new short[1024];

        protected ColumnBuffer(bool nullable) => Nullable = nullable;

        public abstract void Add(object? value);

        public abstract void WriteTo(ColumnWriter writer, int rows);

        public abstract void Clear();

        /// <summary>Records the row's definition level; false for a null (which a required column refuses).</summary>
        protected bool Present(int row, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] object? value)
        {
            if (value is null && !Nullable) throw new InvalidOperationException("a required column got a null value");
            if (!Nullable) return true;
            if (row == Levels.Length) Array.Resize(ref Levels, Levels.Length * 2);
            Levels[row] = value is null ? (short)0 : (short)1;
            return value is not null;
        }

        public static ColumnBuffer For(Column c) => c.Type switch
        {
            ColumnType.String => new StringBuffer(c.Nullable),
            ColumnType.Int32 => new FixedBuffer<int>(c.Nullable, v => (int)v),
            ColumnType.Int64 => new FixedBuffer<long>(c.Nullable, v => (long)v),
            ColumnType.Double => new FixedBuffer<double>(c.Nullable, v => (double)v),
            ColumnType.Boolean => new FixedBuffer<bool>(c.Nullable, v => (bool)v),
            ColumnType.Timestamp => new FixedBuffer<long>(c.Nullable, v => Microseconds((DateTime)v)),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };

        public static ParquetSharp.Schema.Node NodeFor(Column c)
        {
            var repetition = c.Nullable ? Repetition.Optional : Repetition.Required;
            return c.Type switch
            {
                ColumnType.String => new ParquetSharp.Schema.PrimitiveNode(c.Name, repetition, LogicalType.String(), PhysicalType.ByteArray),
                ColumnType.Int32 => new ParquetSharp.Schema.PrimitiveNode(c.Name, repetition, LogicalType.Int(32, isSigned: true), PhysicalType.Int32),
                ColumnType.Int64 => new ParquetSharp.Schema.PrimitiveNode(c.Name, repetition, LogicalType.Int(64, isSigned: true), PhysicalType.Int64),
                ColumnType.Double => new ParquetSharp.Schema.PrimitiveNode(c.Name, repetition, LogicalType.None(), PhysicalType.Double),
                ColumnType.Boolean => new ParquetSharp.Schema.PrimitiveNode(c.Name, repetition, LogicalType.None(), PhysicalType.Boolean),
                // UTC microseconds; the writer adds the legacy TIMESTAMP_MICROS converted type for older readers.
                ColumnType.Timestamp => new ParquetSharp.Schema.PrimitiveNode(c.Name, repetition, LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros), PhysicalType.Int64),
                _ => throw new ArgumentOutOfRangeException(nameof(c)),
            };
        }

        private static long Microseconds(DateTime t) => (t.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
    }

    /// <summary>Non-null values of a fixed-width column, packed; nulls only in the definition levels.</summary>
    private sealed class FixedBuffer<T>(bool nullable, Func<object, T> convert) : ColumnBuffer(nullable) where T : unmanaged
    {
        private T[] _values = new T[1024];
        private int _count, _rows;

        public override void Add(object? value)
        {
            if (!Present(_rows++, value)) return;
            if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
            _values[_count++] = convert(value);
        }

        public override void WriteTo(ColumnWriter writer, int rows)
        {
            var typed = (ColumnWriter<T>)writer;
            if (Nullable) typed.WriteBatch(rows, Levels.AsSpan(0, rows), default, _values.AsSpan(0, _count));
            else typed.WriteBatch(_values.AsSpan(0, _count));
        }

        public override void Clear() => _count = _rows = 0;
    }

    /// <summary>UTF-8 bytes of a string column in pinned blocks, each value a pointer and length into them.</summary>
    private sealed class StringBuffer(bool nullable) : ColumnBuffer(nullable)
    {
        private const int BlockBytes = 1 << 20;
        private readonly List<byte[]> _blocks = [];
        private int _block, _offset;
        private ByteArray[] _values = new ByteArray[1024];
        private int _count, _rows;

        public override void Add(object? value)
        {
            if (!Present(_rows++, value)) return;
            var s = (string)value;
            var length = Encoding.UTF8.GetByteCount(s);
            var block = Reserve(length);
            var written = Encoding.UTF8.GetBytes(s, block.AsSpan(_offset));
            if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
            _values[_count++] = new ByteArray(Marshal.UnsafeAddrOfPinnedArrayElement(block, _offset), written);
            _offset += written;
        }

        // A block with room for `length` more bytes: the current one, the next kept one, or a new one (pinned, so the
        // pointers stay valid until the group is written).
        private byte[] Reserve(int length)
        {
            for (; _block < _blocks.Count; _block++, _offset = 0)
                if (_blocks[_block].Length - _offset >= length) return _blocks[_block];
            _blocks.Add(GC.AllocateUninitializedArray<byte>(Math.Max(BlockBytes, length), pinned: true));
            _offset = 0;
            return _blocks[_block];
        }

        public override void WriteTo(ColumnWriter writer, int rows)
        {
            var typed = (ColumnWriter<ByteArray>)writer;
            if (Nullable) typed.WriteBatch(rows, Levels.AsSpan(0, rows), default, _values.AsSpan(0, _count));
            else typed.WriteBatch(_values.AsSpan(0, _count));
        }

        public override void Clear()
        {
            _count = _rows = 0;
            _block = _offset = 0;
            // Keep the blocks for the next group, but not an outsized one a single huge value needed.
            _blocks.RemoveAll(b => b.Length > BlockBytes);
        }
    }
}

/// <summary>
/// The size of a row group's rows as an Arrow table — values (strings as UTF-8 with 32-bit offsets, booleans as bits)
/// and a validity bitmap for a column that holds a null — the measure of the Hugging Face Hub's <c>num_bytes</c>.
/// </summary>
internal sealed class ArrowSize(TableSchema table)
{
    private readonly long[] _bytes = new long[table.Columns.Count];
    private readonly bool[] _hasNull = new bool[table.Columns.Count];
    private int _rows;

    public void Add(object?[] values)
    {
        _rows++;
        for (var c = 0; c < values.Length; c++)
        {
            var v = values[c];
            if (v is null) _hasNull[c] = true;
            _bytes[c] += table.Columns[c].Type switch
            {
                ColumnType.String => v is string s ? Encoding.UTF8.GetByteCount(s) : 0,
                ColumnType.Int32 => 4,
                ColumnType.Boolean => 0,
                _ => 8,
            };
        }
    }

    /// <summary>The row group's size, and a fresh start for the next group.</summary>
    public long TakeGroup()
    {
        long total = 0, bitmap = (_rows + 7) / 8;
        for (var c = 0; c < _bytes.Length; c++)
        {
            total += _bytes[c] + (_hasNull[c] ? bitmap : 0);
            if (table.Columns[c].Type == ColumnType.String) total += 4L * (_rows + 1);
            if (table.Columns[c].Type == ColumnType.Boolean) total += bitmap;
        }
        Array.Clear(_bytes);
        Array.Clear(_hasNull);
        _rows = 0;
        return total;
    }
}
