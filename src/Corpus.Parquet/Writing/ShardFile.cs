namespace Corpus.Parquet.Writing;

/// <summary>
/// One written Parquet file, as the manifest lists it. <see cref="Path"/> is relative to the release folder;
/// <see cref="Table"/> names the schema (<c>schemas/&lt;table&gt;/</c>) its columns follow; <see cref="Bytes"/> is the
/// file's size, <see cref="ArrowBytes"/> the size of its rows as an Arrow table (the Hub's <c>num_bytes</c>; 0 in
/// releases written before it was recorded).
/// </summary>
public sealed record ShardFile(string Path, string Table, long Rows, long Bytes, string Sha256, int RowGroups, long ArrowBytes = 0);
