using Corpus.Parquet.Writing;

namespace Corpus.Pipeline;

/// <summary>
/// Where one table's shards start, as positions among the table's rows in build order, found by replaying the
/// writer's cut rule (<see cref="WriteOptions.OpensShard"/>) over every range's row sizes — the cuts one process
/// writing the whole table would make. The write task of range i writes the shards that start in range i (reading on
/// into the next ranges to finish its last one): a writer that starts at a cut is in the state one process is in
/// there, so it writes the same row groups and the same bytes, and every shard gets its final name at once.
/// </summary>
public sealed class ShardCuts
{
    private readonly List<long> _starts = [];
    private readonly long[] _rangeStarts;

    private ShardCuts(int ranges) => _rangeStarts = new long[ranges + 1];

    /// <summary>The table's rows in ranges before <paramref name="range"/>; <c>RangeStart(N)</c> is the table's row count.</summary>
    public long RangeStart(int range) => _rangeStarts[range];

    public long Rows => _rangeStarts[^1];

    /// <summary>How many shards the table has: an empty table is still one (empty) shard.</summary>
    public int Shards => Math.Max(1, _starts.Count);

    public long StartOf(int shard) => _starts.Count == 0 ? 0 : _starts[shard];

    public long EndOf(int shard) => shard + 1 < _starts.Count ? _starts[shard + 1] : Rows;

    /// <summary>The shards that start in <paramref name="range"/> (the empty table's one shard belongs to range 0).</summary>
    public (int First, int Count) Owned(int range)
    {
        if (_starts.Count == 0) return range == 0 ? (0, 1) : (0, 0);
        var first = CountBefore(_rangeStarts[range]);
        return (first, CountBefore(_rangeStarts[range + 1]) - first);
    }

    private int CountBefore(long position)
    {
        var index = _starts.BinarySearch(position);
        return index >= 0 ? index : ~index;
    }

    /// <summary>The cuts of the kept table and of the set-aside one, from every range's sizes (one file per range, in order).</summary>
    public static (ShardCuts Kept, ShardCuts NotKept) Replay(IReadOnlyList<IEnumerable<(bool Kept, long Bytes)>> ranges, WriteOptions options)
    {
        var kept = new Replayer(new ShardCuts(ranges.Count), options);
        var notKept = new Replayer(new ShardCuts(ranges.Count), options);
        for (var r = 0; r < ranges.Count; r++)
        {
            kept.Cuts._rangeStarts[r] = kept.Rows;
            notKept.Cuts._rangeStarts[r] = notKept.Rows;
            foreach (var (isKept, bytes) in ranges[r]) (isKept ? kept : notKept).Add(bytes);
        }
        kept.Cuts._rangeStarts[^1] = kept.Rows;
        notKept.Cuts._rangeStarts[^1] = notKept.Rows;
        return (kept.Cuts, notKept.Cuts);
    }

    private sealed class Replayer(ShardCuts cuts, WriteOptions options)
    {
        private long _shardBytes;

        public ShardCuts Cuts => cuts;
        public long Rows { get; private set; }

        public void Add(long bytes)
        {
            if (Rows == 0 || options.OpensShard(_shardBytes, bytes))
            {
                cuts._starts.Add(Rows);
                _shardBytes = 0;
            }
            _shardBytes += bytes;
            Rows++;
        }
    }
}
