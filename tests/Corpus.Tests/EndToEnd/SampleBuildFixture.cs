using Corpus.Tests.Support;

namespace Corpus.Tests.EndToEnd;

/// <summary>Builds the bundled sample once (the README's first command, into a temp folder) for the tests that read it.</summary>
public sealed class SampleBuildFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public CliResult Result { get; private set; } = null!;
    public string ReleaseDir => Path.Combine(_dir.Path, "1.0.0");
    public string Data => DuckDb.Lit(Path.Combine(ReleaseDir, "data", "*.parquet"));
    public string Excluded => DuckDb.Lit(Path.Combine(ReleaseDir, "excluded", "*.parquet"));

    public async Task InitializeAsync() => Result = await CliRunner.RunAsync("build", RepoPaths.SampleRecipe, "--out", _dir.Path);

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
