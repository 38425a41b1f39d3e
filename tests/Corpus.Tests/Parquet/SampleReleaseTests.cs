using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Parquet.Release;
using Corpus.Pipeline;
using Corpus.Tests.Support;

namespace Corpus.Tests.Parquet;

/// <summary>
/// The bundled sample released twice: <c>corpus release --version 1.0.0</c>, then a recipe change and
/// <c>corpus release --bump minor</c>; read back with DuckDB as the README shows, verified, and diffed.
/// </summary>
public sealed class SampleReleaseFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public string Releases => Path.Combine(_dir.Path, "releases");
    public string Recipe => Path.Combine(_dir.Path, "corpus.yaml");
    public CliResult First { get; private set; } = null!;
    public CliResult Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The sample recipe, pointed at the bundled site from a scratch folder.
        var text = File.ReadAllText(RepoPaths.SampleRecipe).Replace("dir: site", $"dir: {RepoPaths.SampleSite}");
        File.WriteAllText(Recipe, text);
        First = await CliRunner.RunAsync("release", Recipe, "--version", "1.0.0", "--out", Releases);
        File.WriteAllText(Recipe, text.Replace("min_words: 50", "min_words: 200").Replace("exact: true", "exact: false\n  near: false"));
        Second = await CliRunner.RunAsync("release", Recipe, "--bump", "minor", "--out", Releases);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

[Trait(TestCategory.Name, TestCategory.EndToEnd)]
public sealed class SampleReleaseTests(SampleReleaseFixture sample) : IClassFixture<SampleReleaseFixture>
{
    private string V1 => Path.Combine(sample.Releases, "1.0.0");
    private string V11 => Path.Combine(sample.Releases, "1.1.0");

    [Fact]
    public async Task Both_releases_are_published_and_verify()
    {
        Assert.True(sample.First.ExitCode == 0, sample.First.Error + sample.First.Output);
        Assert.True(sample.Second.ExitCode == 0, sample.Second.Error + sample.Second.Output);
        foreach (var release in new[] { V1, V11 })
        {
            var verify = await CliRunner.RunAsync("verify", release);
            Assert.True(verify.ExitCode == 0, verify.Error);
        }
        Assert.Equal(["1.0.0", "1.1.0"], Directory.GetDirectories(sample.Releases).Select(Path.GetFileName).Order());
        // The copied recipe rebuilds exactly this version.
        Assert.Contains("version: 1.1.0", File.ReadAllText(Path.Combine(V11, "corpus.yaml")));
    }

    [Fact]
    public void The_recipe_change_shows_in_the_changelog()
    {
        var manifestA = ReleaseManifest.Read(Path.Combine(V1, "manifest.json"));
        var manifestB = ReleaseManifest.Read(Path.Combine(V11, "manifest.json"));
        var changelog = File.ReadAllText(Path.Combine(V11, "CHANGELOG.md"));
        Assert.Equal("1.0.0", manifestB.Predecessor);
        Assert.Contains("Compared with the previous release, 1.0.0.", changelog);

        // Raising min_words to 200 removed short articles; switching off dedup brought the long enough duplicates back.
        // Quality rules see the text before the site's repeated lines go, so an article may pass with up to a line's
        // worth of words more than its final word_count: the margin below allows for that.
        var dataA = DuckDb.Lit(Path.Combine(V1, "data", "*.parquet"));
        var dataB = DuckDb.Lit(Path.Combine(V11, "data", "*.parquet"));
        var removed = DuckDb.Query($"SELECT id, word_count FROM {dataA} WHERE id NOT IN (SELECT id FROM {dataB})").ToList();
        Assert.NotEmpty(removed);
        Assert.All(removed, r => Assert.True(Convert.ToInt32(r["word_count"]) < 200));
        foreach (var r in removed) Assert.Contains($"`{r["id"]}`", changelog);
        var clearlyShort = DuckDb.Query($"SELECT id FROM {dataA} WHERE word_count < 180").Select(r => (string)r["id"]!).ToList();
        Assert.Subset(removed.Select(r => (string)r["id"]!).ToHashSet(), clearlyShort.ToHashSet());
        var revived = DuckDb.Query($"SELECT id FROM {DuckDb.Lit(Path.Combine(V1, "excluded", "*.parquet"))} WHERE status = 'duplicate' AND id IN (SELECT id FROM {dataB})").Select(r => (string)r["id"]!).ToList();
        Assert.NotEmpty(revived);
        foreach (var id in revived) Assert.Contains($"`{id}`", changelog.Split("### Added")[1]);
        Assert.Equal(manifestA.Build.Kept - removed.Count + revived.Count, manifestB.Build.Kept);
    }

    [Fact]
    public async Task Diff_prints_documents_counts_and_schema()
    {
        var diff = await CliRunner.RunAsync("diff", V1, V11);
        Assert.Equal(0, diff.ExitCode);
        Assert.Contains("sample 1.0.0 → 1.1.0", diff.Output);
        Assert.Matches(@"documents: \+[1-9]\d* added, -\d+ removed, ~0 changed, \d+ unchanged", diff.Output);
        Assert.Contains("language: ", diff.Output);
        Assert.Contains("schema: no change", diff.Output);
    }

    [Fact]
    public void DuckDB_reads_the_release_as_the_readme_shows()
    {
        var manifest = ReleaseManifest.Read(Path.Combine(V11, "manifest.json"));
        var glob = DuckDb.Lit(Path.Combine(V11, "data", "*.parquet"));
        var byLanguage = DuckDb.Query($"SELECT language, count(*) FROM {glob} GROUP BY 1")
            .ToDictionary(r => (string)r["language"]!, r => Convert.ToInt64(r["count_star()"]));
        Assert.Equal(manifest.Counts.Language, byLanguage);
        Assert.Equal(manifest.Build.Kept, byLanguage.Values.Sum());
    }

    [Fact]
    public async Task Releasing_an_existing_or_older_version_is_refused()
    {
        var again = await CliRunner.RunAsync("release", sample.Recipe, "--version", "1.1.0", "--out", sample.Releases);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);
        var older = await CliRunner.RunAsync("release", sample.Recipe, "--version", "0.9.0", "--out", sample.Releases);
        Assert.Equal(1, older.ExitCode);
        Assert.Contains("older than the latest release, 1.1.0", older.Error);
        var both = await CliRunner.RunAsync("release", sample.Recipe, "--version", "2.0.0", "--bump", "major", "--out", sample.Releases);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("exactly one of --version", both.Error);
    }
}

/// <summary>
/// Rebuilds are byte-identical when the inputs are: the sample's pages are crawled once into several WARC files and
/// built twice from them, reading the files in opposite orders, through the real plan and writer.
/// </summary>
[Trait(TestCategory.Name, TestCategory.EndToEnd)]
public sealed class ReproducibleReleaseTests
{
    [Fact]
    public async Task Two_builds_from_the_same_pages_give_byte_identical_releases()
    {
        using var dir = new TempDir();
        var crawlRecipe = RecipeLoader.Load(RepoPaths.SampleRecipe);
        crawlRecipe.Crawl.WorkDir = Path.Combine(dir.Path, "crawl");
        crawlRecipe.Crawl.WarcFileMb = 0.02; // several files, so the two builds can read them in opposite orders
        var crawl = new CrawlSource(crawlRecipe);
        var pages = 0;
        await foreach (var _ in crawl.ReadAsync(CancellationToken.None)) pages++;
        Assert.True(pages > 20);
        Assert.True(crawl.ArchiveFiles.Count > 1);

        async Task<string> BuildAsync(string name, IEnumerable<string> warcs)
        {
            var recipe = RecipeLoader.Load(RepoPaths.SampleRecipe);
            recipe.Sources = new SourceSettings { Warc = warcs.ToList() };
            recipe.Crawl.WorkDir = Path.Combine(dir.Path, "work");
            var result = await new InProcessBuild(recipe, RepoPaths.SampleRecipe, Path.Combine(dir.Path, name), "0.1.0").RunAsync(CancellationToken.None);
            return Path.GetDirectoryName(result.Release)!;
        }
        var a = await BuildAsync("a", crawl.ArchiveFiles);
        var b = await BuildAsync("b", crawl.ArchiveFiles.Reverse());
        var version = "1.0.0";

        var filesA = Directory.GetFiles(Path.Combine(a, version), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToList();
        var filesB = Directory.GetFiles(Path.Combine(b, version), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(filesA, filesB);
        Assert.Contains(Path.Combine(version, "data", "train-00000-of-00001.parquet"), filesA);
        foreach (var file in filesA)
            Assert.True(File.ReadAllBytes(Path.Combine(a, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))), $"{file} differs between the two builds");

        var verify = await CliRunner.RunAsync("verify", Path.Combine(a, version));
        Assert.True(verify.ExitCode == 0, verify.Error);
    }

    [Fact]
    public async Task Two_live_builds_of_the_sample_differ_only_in_fetch_time_and_archive_location()
    {
        using var dir = new TempDir();
        var a = await CliRunner.RunAsync("build", RepoPaths.SampleRecipe, "--out", Path.Combine(dir.Path, "a"));
        var b = await CliRunner.RunAsync("build", RepoPaths.SampleRecipe, "--out", Path.Combine(dir.Path, "b"));
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.Error + b.Error);
        foreach (var folder in new[] { "data", "excluded" })
        {
            // Each live build crawls into its own WARC files, so fetch time and the record's place in the archive differ.
            string Rows(string side) => $"SELECT * EXCLUDE (fetched_at, warc_file, warc_offset) FROM {DuckDb.Lit(Path.Combine(dir.Path, side, "1.0.0", folder, "*.parquet"))}";
            var rowsA = DuckDb.Query(Rows("a"));
            var rowsB = DuckDb.Query(Rows("b"));
            Assert.NotEmpty(rowsA);
            Assert.Equal(rowsA.Count, rowsB.Count);
            for (var i = 0; i < rowsA.Count; i++) Assert.Equal(rowsA[i], rowsB[i]); // same rows in the same order
        }
    }
}
