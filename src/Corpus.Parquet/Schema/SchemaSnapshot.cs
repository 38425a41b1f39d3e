using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Meta;

namespace Corpus.Parquet.Schema;

/// <summary>One column as a published schema file records it (the layout of <c>schemas/&lt;table&gt;/vN.json</c>).</summary>
public sealed record SnapshotColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parquet_type")] string ParquetType,
    [property: JsonPropertyName("logical_type")] string? LogicalType,
    [property: JsonPropertyName("nullable")] bool Nullable,
    [property: JsonPropertyName("description")] string Description);

/// <summary>
/// A published table layout, <c>schemas/&lt;table&gt;/vN.json</c>. The files are embedded in this assembly at build
/// time, straight from <c>schemas/</c>, so <c>corpus verify</c> checks a release anywhere, not only in a checkout.
/// </summary>
public sealed record SchemaSnapshot(
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("columns")] IReadOnlyList<SnapshotColumn> Columns)
{
    /// <summary>The published versions of a table, e.g. <c>["0", "1"]</c>.</summary>
    public static IReadOnlyList<string> Versions(string table) =>
        typeof(SchemaSnapshot).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith($"schemas/{table}/v", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[$"schemas/{table}/v".Length..^".json".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static SchemaSnapshot? Load(string table, string version)
    {
        using var stream = typeof(SchemaSnapshot).Assembly.GetManifestResourceStream($"schemas/{table}/v{version}.json");
        return stream is null ? null : JsonSerializer.Deserialize<SchemaSnapshot>(stream, Release.ReleaseJsonContext.Plain);
    }

    /// <summary>Reads the layout of a written shard from its footer, in the snapshot's terms.</summary>
    public static SchemaSnapshot Of(ParquetReader reader)
    {
        var meta = reader.Metadata ?? throw new InvalidDataException("the file has no footer metadata");
        var kv = reader.CustomMetadata;
        var descriptions = kv.TryGetValue("corpus.columns", out var json)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json, Release.ReleaseJsonContext.Plain) ?? []
            : [];
        var columns = meta.Schema.Skip(1) // the root element
            .Select(e => new SnapshotColumn(
                e.Name,
                e.Type?.ToString() ?? "GROUP",
                LogicalTypeName(e.LogicalType),
                e.RepetitionType == FieldRepetitionType.OPTIONAL,
                descriptions.GetValueOrDefault(e.Name, "")))
            .ToList();
        return new SchemaSnapshot(kv.GetValueOrDefault("corpus.schema", ""), columns);
    }

    /// <summary>The first difference between this (a written shard) and <paramref name="expected"/>, or null.</summary>
    public string? FirstDifference(SchemaSnapshot expected)
    {
        if (Schema != expected.Schema) return $"it says it is schema '{Schema}', expected '{expected.Schema}'";
        for (var i = 0; i < Math.Max(Columns.Count, expected.Columns.Count); i++)
        {
            if (i >= Columns.Count) return $"column {i + 1} '{expected.Columns[i].Name}' is missing";
            if (i >= expected.Columns.Count) return $"column {i + 1} '{Columns[i].Name}' is not in the schema";
            var (a, e) = (Columns[i], expected.Columns[i]);
            if (a != e)
                return a.Name != e.Name ? $"column {i + 1} is '{a.Name}', expected '{e.Name}'"
                    : $"column '{a.Name}' is {Describe(a)}, expected {Describe(e)}";
        }
        return null;
    }

    private static string Describe(SnapshotColumn c) =>
        $"{c.ParquetType} {c.LogicalType ?? "-"} {(c.Nullable ? "nullable" : "required")} \"{c.Description}\"";

    // The same spelling DuckDB's parquet_schema() prints, which is what the snapshot files record.
    private static string? LogicalTypeName(LogicalType? t)
    {
        if (t is null) return null;
        if (t.STRING is not null) return "StringType()";
        if (t.INTEGER is { } i) return $"IntType(bitWidth={i.BitWidth}, isSigned={(i.IsSigned ? 1 : 0)})";
        if (t.TIMESTAMP is { } ts)
        {
            var unit = ts.Unit.MILLIS is not null ? "MILLIS=MilliSeconds(), MICROS=<null>, NANOS=<null>"
                : ts.Unit.MICROS is not null ? "MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>"
                : "MILLIS=<null>, MICROS=<null>, NANOS=NanoSeconds()";
            return $"TimestampType(isAdjustedToUTC={(ts.IsAdjustedToUTC ? 1 : 0)}, unit=TimeUnit({unit}))";
        }
        return t.ToString();
    }
}
