using System.Security.Cryptography;
using System.Text.Json;
using Corpus.Parquet.Schema;
using Parquet;

namespace Corpus.Parquet.Release;

/// <summary>What <c>corpus verify</c> checked, for its report.</summary>
public sealed record VerifyResult(string Dataset, string Version, int Files, long Rows, long Bytes, IReadOnlyDictionary<string, string> SchemaVersions);

/// <summary>
/// Checks a release against its manifest and the published schemas: every listed file exists with its size and
/// sha256, no unlisted shard lies beside them, every shard opens and holds the rows and row groups the manifest
/// says, its columns equal <c>schemas/&lt;table&gt;/v&lt;N&gt;.json</c> for the release's schema version, and the
/// counts add up to the build accounting. Stops at the first problem and names it.
/// </summary>
public static class ReleaseVerifier
{
    public static ReleaseManifest ReadManifest(string releaseDir)
    {
        var path = Path.Combine(releaseDir, "manifest.json");
        if (!Directory.Exists(releaseDir)) throw new ReleaseVerificationException(releaseDir, "the folder does not exist");
        if (!File.Exists(path)) throw new ReleaseVerificationException(releaseDir, "manifest.json is missing");
        try
        {
            return ReleaseManifest.Read(path);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new ReleaseVerificationException(releaseDir, $"manifest.json cannot be read: {e.Message}");
        }
    }

    public static async Task<VerifyResult> VerifyAsync(string releaseDir, CancellationToken ct = default)
    {
        var manifest = ReadManifest(releaseDir);
        void Fail(string problem) => throw new ReleaseVerificationException(releaseDir, problem);

        foreach (var file in manifest.Files.Select(f => new ReleaseFile(f.Path, f.Bytes, f.Sha256)).Concat(manifest.OtherFiles))
        {
            var full = Path.Combine(releaseDir, file.Path);
            if (!File.Exists(full)) Fail($"{file.Path} is listed in manifest.json but missing");
            var length = new FileInfo(full).Length;
            if (length != file.Bytes) Fail($"{file.Path} is {length} bytes, manifest.json says {file.Bytes}");
            await using var stream = File.OpenRead(full);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (sha != file.Sha256) Fail($"{file.Path} has sha256 {sha}, manifest.json says {file.Sha256}");
        }
        if (manifest.OtherFiles.FirstOrDefault(f => f.Path == "corpus.yaml") is { } recipeCopy && recipeCopy.Sha256 != manifest.RecipeSha256)
            Fail($"corpus.yaml has sha256 {recipeCopy.Sha256}, but manifest.json says the release was built from recipe {manifest.RecipeSha256}");
        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in new[] { "data", "excluded" })
        {
            var dir = Path.Combine(releaseDir, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var path in Directory.GetFiles(dir, "*.parquet").Order(StringComparer.Ordinal))
                if (!listed.Contains($"{folder}/{Path.GetFileName(path)}")) Fail($"{folder}/{Path.GetFileName(path)} is not listed in manifest.json");
        }

        foreach (var file in manifest.Files)
        {
            if (!manifest.SchemaVersions.TryGetValue(file.Table, out var version))
                Fail($"{file.Path} belongs to table '{file.Table}', which manifest.json gives no schema version");
            var expected = SchemaSnapshot.Load(file.Table, version!);
            if (expected is null)
                Fail($"{file.Path}: schema {file.Table}/v{version} is not a published schema (known: {string.Join(", ", SchemaSnapshot.Versions(file.Table).Select(v => "v" + v))})");
            await using var stream = File.OpenRead(Path.Combine(releaseDir, file.Path));
            ParquetReader reader;
            try
            {
                reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or NotSupportedException)
            {
                Fail($"{file.Path} does not open as Parquet: {e.Message}");
                return null!;
            }
            await using (reader)
            {
                var rows = reader.RowGroups.Sum(g => g.RowCount);
                if (rows != file.Rows) Fail($"{file.Path} holds {rows} rows, manifest.json says {file.Rows}");
                if (reader.RowGroupCount != file.RowGroups) Fail($"{file.Path} has {reader.RowGroupCount} row groups, manifest.json says {file.RowGroups}");
                if (SchemaSnapshot.Of(reader).FirstDifference(expected!) is { } difference)
                    Fail($"{file.Path} does not match schemas/{file.Table}/v{version}.json: {difference}");
            }
        }

        var b = manifest.Build;
        if (!b.AddsUp) Fail($"the build accounting does not add up: input {b.Input} ≠ kept {b.Kept} + excluded {b.Excluded} + duplicates {b.Duplicates} + failed {b.Failed}");
        var kept = manifest.Files.Where(f => f.Table == ArticleSchemas.Articles.Name).Sum(f => f.Rows);
        var notKept = manifest.Files.Where(f => f.Table == ArticleSchemas.Excluded.Name).Sum(f => f.Rows);
        if (kept != b.Kept) Fail($"the data shards hold {kept} rows, the build kept {b.Kept}");
        if (notKept != b.Excluded + b.Duplicates + b.Failed) Fail($"the excluded shards hold {notKept} rows, the build set aside {b.Excluded + b.Duplicates + b.Failed}");
        if (manifest.Counts.Language.Values.Sum() != b.Kept) Fail("counts.language does not add up to the kept documents");

        return new VerifyResult(manifest.Dataset, manifest.Version, manifest.Files.Count + manifest.OtherFiles.Count,
            kept, manifest.Files.Sum(f => f.Bytes), manifest.SchemaVersions);
    }
}
