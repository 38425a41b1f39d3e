namespace Corpus.Parquet.Schema;

/// <summary>The value kinds a release column can hold; each maps to one Parquet physical + logical type.</summary>
public enum ColumnType
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    /// <summary>UTC instant, microsecond precision (pandas, Spark and DuckDB read it as a tz-aware timestamp).</summary>
    Timestamp,
}
