using Corpus.Core.Recipes;
using Parquet;

namespace Corpus.Parquet.Writing;

/// <summary>Compression and sizing for written tables. Sizes are uncompressed bytes, as the Hugging Face Hub counts them.</summary>
public sealed record WriteOptions(CompressionMethod Compression, long RowGroupBytes, long ShardBytes)
{
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
