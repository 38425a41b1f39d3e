using Corpus.Core;
using Corpus.Parquet.Reading;
using Parquet;
using Parquet.Schema;

namespace Corpus.Parquet.Release;

/// <summary>A quick look into a release: its schema, row count, languages and a few rows.</summary>
public sealed record ReleaseSummary(
    IReadOnlyList<(string Name, string Type, bool Nullable)> Schema,
    long Rows,
    IReadOnlyDictionary<string, long> ByLanguage,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Samples);

public static class ReleaseInspector
{
    public static async Task<ReleaseSummary> InspectAsync(string releaseDir, int samples = 3, CancellationToken ct = default)
    {
        var dataDir = Path.Combine(releaseDir, "data");
        if (!Directory.Exists(dataDir))
            throw new CorpusUserException($"'{releaseDir}' is not a release folder: it has no data/ folder.");
        var files = Directory.GetFiles(dataDir, "*.parquet").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new CorpusUserException($"'{dataDir}' holds no Parquet shards.");

        List<(string, string, bool)>? schema = null;
        long rows = 0;
        var byLanguage = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var sampleRows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
            var fields = reader.Schema.GetDataFields();
            schema ??= fields.Select(f => (f.Name, TypeName(f), f.IsNullable)).ToList();
            var languageField = fields.FirstOrDefault(f => f.Name == "language");
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                rows += rg.RowCount;
                var columns = new Dictionary<string, object?[]>();
                foreach (var f in fields)
                    if (f == languageField || sampleRows.Count < samples)
                        columns[f.Name] = await ColumnReader.ReadAsync(rg, f, ct);
                if (languageField is not null)
                    foreach (var v in columns["language"])
                        byLanguage[v?.ToString() ?? "null"] = byLanguage.GetValueOrDefault(v?.ToString() ?? "null") + 1;
                for (var r = 0; r < rg.RowCount && sampleRows.Count < samples; r++)
                    sampleRows.Add(fields.ToDictionary(f => f.Name, f => columns[f.Name][r]));
            }
        }
        return new ReleaseSummary(schema!, rows, byLanguage, sampleRows);
    }

    private static string TypeName(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type == typeof(ReadOnlyMemory<char>) ? "String" : type.Name;
    }
}
