using Corpus.Core.Recipes;
using Parquet;

namespace Corpus.Parquet.Writing;

/// <summary>Compression and sizing for written tables. Sizes are uncompressed bytes, as the Hugging Face Hub counts them.</summary>
public sealed record WriteOptions(CompressionMethod Compression, long RowGroupBytes, long ShardBytes)
{
    /// <summary>
    /// Whether a row of <paramref name="rowBytes"/> opens a new shard after <paramref name="shardBytes"/> in the open one:
    /// the one cut rule, which the writer applies row by row and a range writer replays over row sizes to find where
    /// every shard of a table starts.
    /// </summary>
    public bool OpensShard(long shardBytes, long rowBytes) => shardBytes > 0 && shardBytes + rowBytes > ShardBytes;

    public static WriteOptions From(OutputSettings output) => new(
        ParseCompression(output.Compression),
        output.RowGroupMb * 1024L * 1024L,
        output.ShardMb * 1024L * 1024L);

    public static CompressionMethod ParseCompression(string name) => name switch
    {
        "zstd" => CompressionMethod.Zstd,
        "snappy" => CompressionMethod.Snappy,
        "gzip" => CompressionMethod.Gzip,
        "none" => CompressionMethod.None,
        _ => throw new ArgumentException($"unknown compression '{name}'"),
    };
}
