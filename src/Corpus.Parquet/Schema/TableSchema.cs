namespace Corpus.Parquet.Schema;

/// <summary>A versioned table layout. A published version never changes: a new layout is a new version.</summary>
public sealed record TableSchema(string Name, string Version, IReadOnlyList<Column> Columns);
