using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

/// <summary>
/// The bundled sample, crawl included, as 4 tasks per stage: the crawl is split by host over the tasks and runs in
/// rounds, so the pages are fetched anew (their fetch times and WARC files differ); every other column matches the
/// one-process build row for row.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Scale)]
public sealed class SampleScaledBuildTests
{
    [Fact]
    public async Task The_sample_with_its_crawl_as_four_tasks_gives_the_one_process_rows()
    {
        using var dir = new TempDir();
        var one = await CliRunner.RunAsync("build", RepoPaths.SampleRecipe, "--out", dir.File("one"));
        Assert.True(one.ExitCode == 0, one.Error);
        var plan = await CliRunner.RunAsync("plan", RepoPaths.SampleRecipe, "--tasks", "4", "--rounds", "2", "--work", dir.File("work"), "--out", dir.File("four"));
        Assert.True(plan.ExitCode == 0, plan.Error);
        var run = await CliRunner.RunAsync("run", "--work", dir.File("work"), "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("crawl-1: 4 of 4 task(s) ran", run.Output);

        foreach (var table in new[] { "data", "excluded" })
        {
            string Rows(string release) =>
                $"(SELECT * EXCLUDE (fetched_at, warc_file, warc_offset) FROM read_parquet({DuckDb.Lit(Path.Combine(dir.File(release), "1.0.0", table, "*.parquet"))}))";
            Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) FROM ({Rows("one")} EXCEPT ALL {Rows("four")})"));
            Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) FROM ({Rows("four")} EXCEPT ALL {Rows("one")})"));
            var ids = (string release) => DuckDb.Query($"SELECT id FROM {Rows(release)}").Select(r => (string)r["id"]!).ToList();
            Assert.Equal(ids("one"), ids("four"));
        }
        Assert.Equal(27L, DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet({DuckDb.Lit(Path.Combine(dir.File("four"), "1.0.0", "data", "*.parquet"))})"));
    }
}
