using Corpus.Core.Documents;

namespace Corpus.Parquet.Schema;

/// <summary>
/// One column of a release table: its name, type, nullability, meaning, and how to read it off a document.
/// <paramref name="Dictionary"/> marks low-cardinality strings (language, topic, domain, section) that are always
/// dictionary-encoded: small files, fast GROUP BY.
/// </summary>
public sealed record Column(string Name, ColumnType Type, bool Nullable, string Description, Func<Document, object?> Value, bool Dictionary = false);
