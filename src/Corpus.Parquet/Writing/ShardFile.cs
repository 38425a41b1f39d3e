namespace Corpus.Parquet.Writing;

/// <summary>
/// One written Parquet file, as the manifest lists it. <see cref="Path"/> is relative to the release folder;
/// <see cref="Table"/> names the schema (<c>schemas/&lt;table&gt;/</c>) its columns follow.
/// </summary>
public sealed record ShardFile(string Path, string Table, long Rows, long Bytes, string Sha256, int RowGroups);
