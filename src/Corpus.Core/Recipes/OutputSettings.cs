namespace Corpus.Core.Recipes;

public sealed class OutputSettings
{
    /// <summary>Where releases are written, relative to the recipe. The CLI's <c>--out</c> overrides it.</summary>
    public string Dir { get; set; } = "releases";
    public string Split { get; set; } = "train";
    /// <summary>zstd, snappy, gzip or none.</summary>
    public string Compression { get; set; } = "zstd";
    /// <summary>Target uncompressed size of a row group.</summary>
    public int RowGroupMb { get; set; } = 100;
    /// <summary>Target uncompressed size of a shard.</summary>
    public int ShardMb { get; set; } = 500;
}
