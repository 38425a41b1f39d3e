using System.Globalization;
using System.Text;
using Corpus.Parquet.Reading;
using Corpus.Parquet.Schema;
using Parquet;

namespace Corpus.Parquet.Release;

/// <summary>A count that differs between two releases, e.g. language 'id' 21 → 23.</summary>
public sealed record CountChange(string Key, long Before, long After)
{
    public long Delta => After - Before;
}

/// <summary>
/// What changed from release A to release B: documents added, removed and changed (same id, different text hash),
/// counts by language, topic and domain, and schema changes. Rendered as <c>CHANGELOG.md</c> in release B.
/// </summary>
public sealed record ReleaseDiff(
    string Dataset,
    string From,
    string To,
    IReadOnlyList<(string Id, string Url)> Added,
    IReadOnlyList<(string Id, string Url)> Removed,
    IReadOnlyList<(string Id, string Url)> Changed,
    long Unchanged,
    IReadOnlyDictionary<string, IReadOnlyList<CountChange>> Counts,
    IReadOnlyList<string> SchemaChanges)
{
    /// <summary>How many ids each list shows before saying "and N more".</summary>
    public const int ListLimit = 50;

    public static async Task<ReleaseDiff> CompareAsync(string dirA, string dirB, CancellationToken ct = default)
    {
        var a = ReleaseVerifier.ReadManifest(dirA);
        var b = ReleaseVerifier.ReadManifest(dirB);
        var rowsA = await ReleaseRows.FingerprintsAsync(dirA, a.Files.Where(f => f.Path.StartsWith("data/", StringComparison.Ordinal)).Select(f => f.Path), ct);
        var rowsB = await ReleaseRows.FingerprintsAsync(dirB, b.Files.Where(f => f.Path.StartsWith("data/", StringComparison.Ordinal)).Select(f => f.Path), ct);

        var added = rowsB.Keys.Where(k => !rowsA.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => (k, rowsB[k].Url)).ToList();
        var removed = rowsA.Keys.Where(k => !rowsB.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => (k, rowsA[k].Url)).ToList();
        var changed = rowsB.Keys.Where(k => rowsA.TryGetValue(k, out var old) && old.TextHash != rowsB[k].TextHash)
            .Order(StringComparer.Ordinal).Select(k => (k, rowsB[k].Url)).ToList();
        var unchanged = rowsB.Count - added.Count - changed.Count;

        var counts = new SortedDictionary<string, IReadOnlyList<CountChange>>(StringComparer.Ordinal)
        {
            ["domain"] = Changes(a.Counts.Domain, b.Counts.Domain),
            ["language"] = Changes(a.Counts.Language, b.Counts.Language),
            ["topic"] = Changes(a.Counts.Topic, b.Counts.Topic),
        };
        var schema = new List<string>();
        foreach (var table in a.SchemaVersions.Keys.Union(b.SchemaVersions.Keys).Order(StringComparer.Ordinal))
            schema.AddRange(await SchemaChangesAsync(table, dirA, a, dirB, b, ct));
        return new ReleaseDiff(b.Dataset, a.Version, b.Version, added, removed, changed, unchanged, counts, schema);
    }

    private static List<CountChange> Changes(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Select(k => new CountChange(k, a.GetValueOrDefault(k), b.GetValueOrDefault(k)))
            .Where(c => c.Delta != 0)
            .ToList();

    private static async Task<List<string>> SchemaChangesAsync(string table, string dirA, ReleaseManifest a, string dirB, ReleaseManifest b, CancellationToken ct)
    {
        var changes = new List<string>();
        var va = a.SchemaVersions.GetValueOrDefault(table);
        var vb = b.SchemaVersions.GetValueOrDefault(table);
        if (va is null) { changes.Add($"{table}: new table (v{vb})"); return changes; }
        if (vb is null) { changes.Add($"{table}: table removed (was v{va})"); return changes; }
        if (va != vb) changes.Add($"{table}: schema v{va} → v{vb}");
        var sa = await ShardSchemaAsync(dirA, a, table, ct);
        var sb = await ShardSchemaAsync(dirB, b, table, ct);
        if (sa is null || sb is null) return changes;
        var before = sa.Columns.ToDictionary(c => c.Name);
        var after = sb.Columns.ToDictionary(c => c.Name);
        foreach (var c in sb.Columns.Where(c => !before.ContainsKey(c.Name)))
            changes.Add($"{table}: added column `{c.Name}` ({c.ParquetType}{(c.Nullable ? ", nullable" : "")})");
        foreach (var c in sa.Columns.Where(c => !after.ContainsKey(c.Name)))
            changes.Add($"{table}: removed column `{c.Name}`");
        foreach (var c in sb.Columns.Where(c => before.TryGetValue(c.Name, out var old) && old with { Description = "" } != c with { Description = "" }))
            changes.Add($"{table}: column `{c.Name}` changed from {before[c.Name].ParquetType}{(before[c.Name].Nullable ? "?" : "")} to {c.ParquetType}{(c.Nullable ? "?" : "")}");
        return changes;
    }

    private static async Task<SchemaSnapshot?> ShardSchemaAsync(string dir, ReleaseManifest m, string table, CancellationToken ct)
    {
        var file = m.Files.FirstOrDefault(f => f.Table == table);
        if (file is null) return null;
        await using var stream = File.OpenRead(Path.Combine(dir, file.Path));
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
        return SchemaSnapshot.Of(reader);
    }

    /// <summary>The one-screen summary <c>corpus diff</c> prints.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Dataset} {From} → {To}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  documents: +{Added.Count} added, -{Removed.Count} removed, ~{Changed.Count} changed, {Unchanged} unchanged");
        foreach (var (label, list) in new[] { ("added", Added), ("removed", Removed), ("changed", Changed) })
            foreach (var (id, url) in list.Take(10)) sb.AppendLine(CultureInfo.InvariantCulture, $"    {label,-8} {id}  {url}");
        foreach (var (column, changes) in Counts)
        {
            if (changes.Count == 0) { sb.AppendLine(CultureInfo.InvariantCulture, $"  {column}: no change"); continue; }
            sb.AppendLine($"  {column}: " + string.Join(", ", changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Before}→{c.After} ({c.Delta:+#;-#;0})"))));
        }
        sb.AppendLine(SchemaChanges.Count == 0 ? "  schema: no change" : "  schema: " + string.Join("; ", SchemaChanges));
        return sb.ToString();
    }

    /// <summary><c>CHANGELOG.md</c>: the same facts, with every list up to <see cref="ListLimit"/> ids.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Changelog: {Dataset} {To}\n\nCompared with the previous release, {From}.\n");
        sb.AppendLine("## Documents\n\n| change | documents |\n|---|---:|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| added | {Added.Count} |\n| removed | {Removed.Count} |\n| changed (same id, new text) | {Changed.Count} |\n| unchanged | {Unchanged} |\n");
        foreach (var (label, list) in new[] { ("Added", Added), ("Removed", Removed), ("Changed", Changed) })
        {
            if (list.Count == 0) continue;
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {label}\n");
            foreach (var (id, url) in list.Take(ListLimit)) sb.AppendLine(CultureInfo.InvariantCulture, $"- `{id}` {url}");
            if (list.Count > ListLimit) sb.AppendLine(CultureInfo.InvariantCulture, $"- … and {list.Count - ListLimit} more");
            sb.AppendLine();
        }
        foreach (var (column, changes) in Counts)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"## Counts by {column}\n");
            if (changes.Count == 0) { sb.AppendLine("No change.\n"); continue; }
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {column} | {From} | {To} | change |\n|---|---:|---:|---:|");
            foreach (var c in changes) sb.AppendLine(CultureInfo.InvariantCulture, $"| {c.Key} | {c.Before} | {c.After} | {c.Delta:+#;-#;0} |");
            sb.AppendLine();
        }
        sb.AppendLine("## Schema\n");
        if (SchemaChanges.Count == 0) sb.AppendLine("No change.");
        foreach (var change in SchemaChanges) sb.AppendLine(CultureInfo.InvariantCulture, $"- {change}");
        return sb.ToString();
    }
}
