using System.ComponentModel.DataAnnotations;

namespace Corpus.Core.Recipes;

/// <summary>The <c>output:</c> block: where and how the release's shards are written.</summary>
[Step("write")]
public sealed record OutputSettings
{
    /// <summary>Where releases are written, relative to the recipe. The CLI's <c>--out</c> overrides it.</summary>
    [Step("publish")]
    public string Dir { get; init; } = "releases";
    public string Split { get; init; } = "train";
    [AllowedValues("zstd", "snappy", "gzip", "none")]
    public string Compression { get; init; } = "zstd";
    /// <summary>Target uncompressed size of a row group.</summary>
    [Range(1, int.MaxValue)]
    public int RowGroupMb { get; init; } = 100;
    /// <summary>Target uncompressed size of a shard (at least <see cref="RowGroupMb"/>).</summary>
    [Range(1, int.MaxValue)]
    public int ShardMb { get; init; } = 500;
}
