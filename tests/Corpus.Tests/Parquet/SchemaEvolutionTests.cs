using Corpus.Parquet.Release;
using Corpus.Parquet.Schema;
using Corpus.Tests.Support;

namespace Corpus.Tests.Parquet;

/// <summary>
/// Every published schema version keeps a snapshot and stays readable: the live version is pinned by
/// <see cref="SchemaSnapshotTests"/>, each frozen one by a tiny committed release in <c>Fixtures/releases/</c>
/// that today's code must still verify, read and diff.
/// </summary>
public sealed class SchemaEvolutionTests
{
    private static string FixturesRoot => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Parquet", "Fixtures", "releases");

    // Each fixture folder holds one release folder, named by its version as every release folder is.
    private static string Release(string fixture) => Directory.GetDirectories(Path.Combine(FixturesRoot, fixture)).Single();

    public static TheoryData<string> Fixtures => new(Directory.GetDirectories(FixturesRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string, string> PublishedVersions()
    {
        var data = new TheoryData<string, string>();
        foreach (var table in new[] { ArticleSchemas.Articles, ArticleSchemas.Excluded })
            foreach (var version in Directory.GetFiles(Path.Combine(RepoPaths.Schemas, table.Name), "v*.json").Select(f => Path.GetFileNameWithoutExtension(f)[1..]).Order(StringComparer.Ordinal))
                data.Add(table.Name, version);
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task An_old_release_still_verifies_and_reads(string fixture)
    {
        var release = Release(fixture);
        var verify = await CliRunner.RunAsync("verify", release);
        Assert.True(verify.ExitCode == 0, verify.Error);

        var manifest = ReleaseManifest.Read(Path.Combine(release, "manifest.json"));
        var byLanguage = DuckDb.Query($"SELECT language, count(*) AS n FROM {DuckDb.Lit(Path.Combine(release, "data", "*.parquet"))} GROUP BY 1")
            .ToDictionary(r => (string)r["language"]!, r => Convert.ToInt64(r["n"]));
        Assert.Equal(manifest.Counts.Language, byLanguage);
        var inspect = await CliRunner.RunAsync("inspect", release);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains($"Rows: {manifest.Build.Kept}", inspect.Output);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task An_old_release_diffs_against_a_new_one(string fixture)
    {
        using var dir = new TempDir();
        var fresh = await SyntheticRelease.WriteAsync(dir.Path, SyntheticRelease.Build(4, excluded: 0));
        var diff = await ReleaseDiff.CompareAsync(Release(fixture), fresh);
        var old = ReleaseManifest.Read(Path.Combine(Release(fixture), "manifest.json"));
        Assert.Equal(4, diff.Added.Count);
        Assert.Equal(old.Build.Kept, diff.Removed.Count);
        if (old.SchemaVersions["articles"] != ArticleSchemas.Articles.Version)
            Assert.Contains($"articles: schema v{old.SchemaVersions["articles"]} → v{ArticleSchemas.Articles.Version}", diff.SchemaChanges);
    }

    [Theory]
    [MemberData(nameof(PublishedVersions))]
    public void Each_published_version_is_embedded_and_pinned(string table, string version)
    {
        Assert.Contains(version, SchemaSnapshot.Versions(table));
        var snapshot = SchemaSnapshot.Load(table, version)!;
        Assert.Equal($"{table}/v{version}", snapshot.Schema);
        var live = table == ArticleSchemas.Articles.Name ? ArticleSchemas.Articles : ArticleSchemas.Excluded;
        if (version == live.Version) return; // pinned by SchemaSnapshotTests against a fresh write

        // A frozen version is pinned by the committed release written in it, read back by DuckDB.
        var fixture = Directory.GetDirectories(FixturesRoot).Select(Release)
            .Select(d => (Dir: d, Manifest: ReleaseManifest.Read(Path.Combine(d, "manifest.json"))))
            .FirstOrDefault(f => f.Manifest.SchemaVersions.GetValueOrDefault(table) == version);
        Assert.True(fixture.Dir is not null, $"schemas/{table}/v{version}.json is frozen but no release in {FixturesRoot} is written in it; add one.");
        var shard = Path.Combine(fixture.Dir, fixture.Manifest.Files.First(f => f.Table == table).Path);
        SchemaSnapshotTests.AssertMatchesPublished(shard, Path.Combine(RepoPaths.Schemas, table, $"v{version}.json"));
    }

    [Fact]
    public void Each_version_follows_the_evolution_rules()
    {
        foreach (var table in new[] { ArticleSchemas.Articles.Name, ArticleSchemas.Excluded.Name })
        {
            var versions = SchemaSnapshot.Versions(table).OrderBy(SchemaCompatibility.ParseVersion).ToList();
            for (var i = 1; i < versions.Count; i++)
            {
                var change = SchemaCompatibility.Classify(SchemaSnapshot.Load(table, versions[i - 1])!, SchemaSnapshot.Load(table, versions[i])!);
                var (from, to) = (SchemaCompatibility.ParseVersion(versions[i - 1]), SchemaCompatibility.ParseVersion(versions[i]));
                if (change == SchemaChange.Major)
                    Assert.True(to.Major > from.Major, $"{table} v{versions[i - 1]} → v{versions[i]} is a breaking change and needs a new major version");
            }
        }
    }

    [Fact]
    public void Classifies_appended_nullable_columns_as_minor_and_everything_else_as_major()
    {
        var v1 = SchemaSnapshot.Load("articles", ArticleSchemas.Articles.Version)!;
        SchemaSnapshot With(params SnapshotColumn[] extra) => v1 with { Columns = [.. v1.Columns, .. extra] };
        var nullable = new SnapshotColumn("topic_2", "BYTE_ARRAY", "StringType()", true, "Second topic.");

        Assert.Equal(SchemaChange.Minor, SchemaCompatibility.Classify(v1, v1));
        Assert.Equal(SchemaChange.Minor, SchemaCompatibility.Classify(v1, With(nullable)));
        Assert.Equal(SchemaChange.Major, SchemaCompatibility.Classify(v1, With(nullable with { Nullable = false })));
        Assert.Equal(SchemaChange.Major, SchemaCompatibility.Classify(With(nullable), v1));
        Assert.Equal(SchemaChange.Major, SchemaCompatibility.Classify(v1, v1 with { Columns = [.. v1.Columns.Skip(1).Prepend(v1.Columns[0] with { ParquetType = "INT64" })] }));
        Assert.Equal(SchemaChange.Major, SchemaCompatibility.Classify(v1, v1 with { Columns = [.. v1.Columns.Reverse()] }));
    }
}
