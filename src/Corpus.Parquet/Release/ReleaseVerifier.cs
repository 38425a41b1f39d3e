using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Corpus.Core;
using Corpus.Core.Recipes;
using Corpus.Parquet.Reading;
using Corpus.Parquet.Schema;
using Parquet;

namespace Corpus.Parquet.Release;

/// <summary>What <c>corpus verify</c> checked, for its report.</summary>
public sealed record VerifyResult(string Dataset, string Version, int Files, long Rows, long Bytes, IReadOnlyDictionary<string, string> SchemaVersions);

/// <summary>
/// Checks a release against its manifest and the published schemas, trusting nothing the manifest says that the
/// files can confirm: the folder holds exactly the files listed (none missing, none stray), each with its size and
/// sha256; the dataset card, the recipe copy and the charts are listed; the recipe copy, the recipe text embedded in
/// the manifest and the manifest's recipe hash agree, and that recipe names the manifest's dataset and version; the
/// version is the folder's name; every shard opens and holds the rows and row groups listed, with columns equal to
/// <c>schemas/&lt;table&gt;/v&lt;N&gt;.json</c>; and the build accounting and the counts (by status, rule, language,
/// topic, domain, length) recomputed from the shards' rows equal the manifest's. Stops at the first problem and names it.
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

        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(releaseDir)));
        if (folder != manifest.Version) Fail($"manifest.json says version {manifest.Version}, but the release folder is named '{folder}'");

        // Exactly the listed files, each with its size and hash.
        var listed = manifest.Files.Select(f => new ReleaseFile(f.Path, f.Bytes, f.Sha256)).Concat(manifest.OtherFiles).ToList();
        foreach (var duplicate in listed.GroupBy(f => f.Path, StringComparer.Ordinal).Where(g => g.Count() > 1))
            Fail($"{duplicate.Key} is listed more than once in manifest.json");
        foreach (var required in RequiredOtherFiles(manifest))
            if (!manifest.OtherFiles.Any(f => f.Path == required)) Fail($"manifest.json does not list {required}");
        var listedPaths = listed.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(releaseDir, "*", SearchOption.AllDirectories)
                     .Select(p => Path.GetRelativePath(releaseDir, p).Replace(Path.DirectorySeparatorChar, '/'))
                     .Where(p => p != "manifest.json")
                     .Order(StringComparer.Ordinal))
            if (!listedPaths.Contains(path)) Fail($"{path} is not listed in manifest.json");
        foreach (var file in listed)
        {
            var full = Path.Combine(releaseDir, file.Path);
            if (!File.Exists(full)) Fail($"{file.Path} is listed in manifest.json but missing");
            var length = new FileInfo(full).Length;
            if (length != file.Bytes) Fail($"{file.Path} is {length} bytes, manifest.json says {file.Bytes}");
            await using var stream = File.OpenRead(full);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (sha != file.Sha256) Fail($"{file.Path} has sha256 {sha}, manifest.json says {file.Sha256}");
        }

        // One recipe: the copy, the text in the manifest and the hash agree, and it is this dataset at this version.
        var recipeCopy = manifest.OtherFiles.First(f => f.Path == "corpus.yaml");
        if (recipeCopy.Sha256 != manifest.RecipeSha256)
            Fail($"corpus.yaml has sha256 {recipeCopy.Sha256}, but manifest.json says the release was built from recipe {manifest.RecipeSha256}");
        var embedded = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.Recipe)));
        if (embedded != manifest.RecipeSha256)
            Fail($"the recipe text in manifest.json has sha256 {embedded}, but manifest.json says the release was built from recipe {manifest.RecipeSha256}");
        Recipe recipe;
        try
        {
            recipe = RecipeLoader.Parse(manifest.Recipe, "corpus.yaml");
        }
        catch (CorpusUserException e)
        {
            Fail($"the release's recipe does not load: {e.Message}");
            return null!;
        }
        if (recipe.Name != manifest.Dataset) Fail($"manifest.json names the dataset '{manifest.Dataset}', its recipe '{recipe.Name}'");
        if (recipe.Version != manifest.Version) Fail($"manifest.json says version {manifest.Version}, its recipe {recipe.Version}");

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

        // The counts, recomputed from the rows themselves.
        var statistics = new ReleaseStatistics();
        var keptByLanguage = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync(releaseDir, manifest, ArticleSchemas.Articles.Name, ["language", "topic", "domain", "word_count"], ct))
        {
            statistics.Add((string?)row[0], (string?)row[1], (string)row[2]!, (int)row[3]!);
            Tally(keptByLanguage, (string?)row[0] ?? "und");
        }
        var byStatus = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var byRule = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync(releaseDir, manifest, ArticleSchemas.Excluded.Name, ["status", "rule"], ct))
        {
            Tally(byStatus, (string)row[0]!);
            if ((string)row[0]! == "excluded") Tally(byRule, (string?)row[1] ?? "?");
        }
        foreach (var (status, listedCount) in new[] { ("excluded", b.Excluded), ("duplicate", b.Duplicates), ("failed", b.Failed) })
            if (byStatus.GetValueOrDefault(status) != listedCount)
                Fail($"build.{(status == "duplicate" ? "duplicates" : status)} is {listedCount} in manifest.json, the excluded shards hold {byStatus.GetValueOrDefault(status)} rows with status '{status}'");
        var counts = statistics.ToCounts();
        var problem = FirstDifference("build.excluded_by_rule", b.ExcludedByRule.ToDictionary(kv => kv.Key, kv => (long)kv.Value), byRule)
            ?? FirstDifference("build.kept_by_language", b.KeptByLanguage.ToDictionary(kv => kv.Key, kv => (long)kv.Value), keptByLanguage)
            ?? FirstDifference("counts.language", manifest.Counts.Language, counts.Language)
            ?? FirstDifference("counts.topic", manifest.Counts.Topic, counts.Topic)
            ?? FirstDifference("counts.domain", manifest.Counts.Domain, counts.Domain)
            ?? FirstDifference("counts.word_count", manifest.Counts.WordCount, counts.WordCount);
        if (problem is not null) Fail(problem);

        return new VerifyResult(manifest.Dataset, manifest.Version, manifest.Files.Count + manifest.OtherFiles.Count,
            kept, manifest.Files.Sum(f => f.Bytes), manifest.SchemaVersions);
    }

    /// <summary>The files every release has besides its shards: card, recipe copy, charts, and the changelog when it has a predecessor.</summary>
    public static IEnumerable<string> RequiredOtherFiles(ReleaseManifest manifest)
    {
        yield return "README.md";
        yield return "corpus.yaml";
        foreach (var (path, _) in DatasetCard.Charts) yield return path;
        if (manifest.Predecessor is not null) yield return "CHANGELOG.md";
    }

    private static void Tally(SortedDictionary<string, long> tally, string key) => tally[key] = tally.GetValueOrDefault(key) + 1;

    private static string? FirstDifference(string what, IReadOnlyDictionary<string, long> manifest, IReadOnlyDictionary<string, long> shards)
    {
        foreach (var key in manifest.Keys.Union(shards.Keys).Order(StringComparer.Ordinal))
        {
            var (m, s) = (manifest.GetValueOrDefault(key), shards.GetValueOrDefault(key));
            if (m != s) return $"{what}['{key}'] is {m} in manifest.json, but the shards hold {s}";
        }
        return null;
    }

    /// <summary>The named columns of every row of a table's shards, one row group at a time.</summary>
    private static async IAsyncEnumerable<object?[]> RowsAsync(string releaseDir, ReleaseManifest manifest, string table, string[] columns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var file in manifest.Files.Where(f => f.Table == table))
        {
            await using var stream = File.OpenRead(Path.Combine(releaseDir, file.Path));
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
            var fields = columns.Select(name => reader.Schema.GetDataFields().First(f => f.Name == name)).ToArray();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rowGroup = reader.OpenRowGroupReader(g);
                var values = new object?[fields.Length][];
                for (var c = 0; c < fields.Length; c++) values[c] = await ColumnReader.ReadAsync(rowGroup, fields[c], ct);
                for (var r = 0; r < rowGroup.RowCount; r++) yield return values.Select(v => v[r]).ToArray();
            }
        }
    }
}
