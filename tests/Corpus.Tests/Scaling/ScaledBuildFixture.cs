using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

/// <summary>
/// The sample site crawled once into small WARC files (how many depends on the crawl's timing), a recipe that builds
/// from them, that recipe built in one process (the reference release) and planned and run as 4 tasks per stage by the
/// local executor.
/// </summary>
public sealed class ScaledBuildFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public string Root => _dir.Path;
    public string Recipe => _dir.File("corpus.yaml");
    public string OneProcessRelease => Path.Combine(Root, "one", "1.0.0");
    public string Work => Path.Combine(Root, "work");
    public string ScaledRelease => Path.Combine(Root, "four", "1.0.0");
    public CliResult Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Small WARC files (warc_file_mb) so the pages spread over the process tasks, as a big crawl's would.
        await SampleCrawl.IntoAsync(_dir, warcFileMb: "0.004");
        await File.WriteAllTextAsync(Recipe, SampleCrawl.BuildRecipe());
        Expect(await CliRunner.RunAsync("build", Recipe, "--out", Path.Combine(Root, "one")), "build");
        Expect(await CliRunner.RunAsync("plan", Recipe, "--tasks", "4", "--work", Work, "--out", Path.Combine(Root, "four")), "plan");
        Run = await CliRunner.RunAsync("run", "--work", Work, "--workers", "4");
    }

    private static void Expect(CliResult result, string what)
    {
        if (result.ExitCode != 0) throw new InvalidOperationException($"{what} failed: {result.Output}{result.Error}");
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The tests that share one scaled build (it costs a crawl, a build and a 4-task run).</summary>
[CollectionDefinition(Name)]
public sealed class ScaledBuildCollection : ICollectionFixture<ScaledBuildFixture>
{
    public const string Name = "scaled build";
}
