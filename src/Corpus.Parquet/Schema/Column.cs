using Corpus.Core.Documents;

namespace Corpus.Parquet.Schema;

/// <summary>One column of a release table: its name, type, nullability, meaning, and how to read it off a document.</summary>
public sealed record Column(string Name, ColumnType Type, bool Nullable, string Description, Func<Document, object?> Value);
