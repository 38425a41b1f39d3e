namespace Corpus.Parquet.Writing;

/// <summary>One written Parquet file, as the manifest lists it. <see cref="Path"/> is relative to the release folder.</summary>
public sealed record ShardFile(string Path, long Rows, long Bytes, string Sha256, int RowGroups);
