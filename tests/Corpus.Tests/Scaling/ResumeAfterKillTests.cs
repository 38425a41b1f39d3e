using System.Diagnostics;
using Corpus.Cli.Scaling;
using Corpus.Core.Tasks;
using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

/// <summary>
/// Resuming after a kill: a task holds an OS-level exclusive lock for its whole life, so a second copy is refused
/// without touching the first's markers; <c>corpus build</c> killed in its crawl goes on in the same work folder when
/// rerun, and removes what dead builds left behind. Real child processes, stopped at chosen checkpoints
/// (<c>CORPUS_TASK_PAUSE</c>, <c>CORPUS_TASK_KILL</c>), never timed.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Scale)]
public sealed class ResumeAfterKillTests
{
    [Fact]
    public async Task A_second_copy_of_a_running_task_is_refused_and_leaves_the_first_s_markers_untouched()
    {
        using var dir = new TempDir();
        var recipe = WriteRecipe(dir);
        var work = new WorkFolder(dir.File("work-plan"));
        Assert.Equal(0, (await CliRunner.RunAsync("plan", recipe, "--tasks", "1", "--work", work.Root, "--out", dir.File("out"))).ExitCode);

        // The first copy crawls, then stops at its checkpoint: alive, holding its lock, its running marker written.
        var cli = TaskCommandLine.Current();
        var info = new ProcessStartInfo(cli.FileName) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var word in cli.Prefix.Concat(["task", "crawl-0", "--work", work.Root])) info.ArgumentList.Add(word);
        info.Environment["CORPUS_TASK_PAUSE"] = "crawl-0/0/1";
        using var first = Process.Start(info)!;
        var firstErr = first.StandardError.ReadToEndAsync();
        var seen = new List<string>();
        while (await first.StandardOutput.ReadLineAsync() is { } line && line != "paused at crawl-0/0/1") seen.Add(line);
        Assert.False(first.HasExited && first.ExitCode != 0, string.Join('\n', seen));
        var running = work.Marker("crawl-0", 0, TaskState.Running);
        var markerBefore = File.ReadAllText(running);
        Assert.Equal(first.Id, TaskMarkers.Read(work, "crawl-0", 0, TaskState.Running)!.Pid);
        Assert.True(TaskLock.IsHeld(TaskLock.PathOf(work, "crawl-0", 0)));

        // A second copy is refused by the lock.
        var second = await CliRunner.RunAsync("task", "crawl-0", "--work", work.Root);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("crawl-0 task 0 is already running on this machine (another process holds", second.Error);

        // 'corpus run' (as after a killed run whose task lives on) starts a copy, which is refused: the executor
        // must not replace the live task's running marker with a failed one.
        var run = await ChildProcess.RunAsync(cli.FileName, cli.Prefix.Concat(["run", "--work", work.Root, "--workers", "1"]));
        Assert.True(run.Code == 1, run.Output);
        Assert.Equal(markerBefore, File.ReadAllText(running));
        Assert.False(File.Exists(work.Marker("crawl-0", 0, TaskState.Failed)), run.Output);
        Assert.False(TaskMarkers.IsDone(work, "crawl-0", 0));

        // The first copy, let go, finishes as if nothing happened.
        first.StandardInput.Close();
        await first.WaitForExitAsync();
        Assert.True(first.ExitCode == 0, await firstErr);
        Assert.True(TaskMarkers.IsDone(work, "crawl-0", 0));
        Assert.False(File.Exists(running));
        Assert.False(TaskLock.IsHeld(TaskLock.PathOf(work, "crawl-0", 0)));
    }

    [Fact]
    public async Task A_build_killed_in_its_crawl_resumes_its_work_folder_cleans_dead_leftovers_and_publishes_the_same_release()
    {
        using var dir = new TempDir();
        var recipe = WriteRecipe(dir);
        var builds = Path.Combine(dir.Path, "work", "builds");
        var reference = await CliRunner.RunAsync("build", recipe, "--out", dir.File("reference"));
        Assert.True(reference.ExitCode == 0, reference.Output + reference.Error);
        var finished = Assert.Single(Directory.GetDirectories(builds));

        // Killed (SIGKILL) after its crawl fetched the site, before the crawl step's done marker.
        var cli = TaskCommandLine.Current();
        var out_ = dir.File("out");
        var killed = await ChildProcess.RunAsync(cli.FileName, cli.Prefix.Concat(["build", recipe, "--out", out_]),
            new Dictionary<string, string> { ["CORPUS_TASK_KILL"] = "crawl-0/0/1" });
        Assert.True(killed.Code == 137, killed.Output);
        var unfinished = Assert.Single(Directory.GetDirectories(builds), d => d != finished);
        var killedWork = new WorkFolder(unfinished);
        Assert.False(TaskMarkers.IsDone(killedWork, "crawl-0", 0));
        Dictionary<string, long> Warcs() => Directory.GetFiles(unfinished, "*.warc.gz", SearchOption.AllDirectories).ToDictionary(f => f, f => new FileInfo(f).Length);
        var warcBefore = Warcs();
        Assert.NotEmpty(warcBefore);

        // Leftovers of dead builds: an unfinished folder of this version for another recipe, and the release
        // writer's hidden temporary folder of a build killed while writing.
        var dead = Path.Combine(builds, "1.0.0-20000101T000000000-dead00");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "plan.json"), File.ReadAllText(killedWork.PlanPath)
            .Replace(killedWork.LoadPlan().RecipeSha256, new string('0', 64), StringComparison.Ordinal));
        var temp = Path.Combine(out_, ".tmp-1.0.0-0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(temp, "data"));
        File.WriteAllText(Path.Combine(temp, "data", "train-00000.parquet"), "half written");

        var rerun = await CliRunner.RunAsync("build", recipe, "--out", out_);
        Assert.True(rerun.ExitCode == 0, rerun.Output + rerun.Error);
        Assert.Contains($"Work folder (crawl, logs, stats): {unfinished}", rerun.Output);
        Assert.Contains("Resumed the unfinished build", rerun.Output);
        Assert.False(Directory.Exists(dead), rerun.Output);
        Assert.False(Directory.Exists(temp), rerun.Output);
        Assert.Contains($"Removed a dead build's leftover: {temp}", rerun.Output);
        Assert.Equal([finished, unfinished], Directory.GetDirectories(builds).Order(StringComparer.Ordinal));
        Assert.True(TaskMarkers.IsDone(killedWork, "publish", 0));
        // The crawl step ran a second time in the same folder and went on from its frontier.
        var crawlLog = File.ReadAllText(killedWork.Log("crawl-0", 0));
        Assert.Equal(2, crawlLog.Split("crawl-0 task 0/1 on").Length - 1);
        // Every page was fetched before the kill, so the resumed crawl fetched none again: the WARC files did not grow.
        Assert.Equal(warcBefore, Warcs());

        // The same release as the uninterrupted build: the same files, and row for row the same documents and verdicts.
        // (Only when and where each page was fetched differs between two crawls: fetched_at and its WARC location.)
        var (expected, actual) = (Path.Combine(dir.File("reference"), "1.0.0"), Path.Combine(out_, "1.0.0"));
        Assert.Equal(ReleaseFiles.List(expected), ReleaseFiles.List(actual));
        foreach (var table in new[] { "data", "excluded" })
        {
            string Rows(string release) => $"SELECT * EXCLUDE (fetched_at, warc_file, warc_offset) FROM read_parquet({DuckDb.Lit(Path.Combine(release, table, "*.parquet"))})";
            var count = DuckDb.Scalar<long>($"SELECT count(*) FROM ({Rows(expected)})");
            Assert.True(count > 0, table);
            Assert.Equal(count, DuckDb.Scalar<long>($"SELECT count(*) FROM ({Rows(actual)})"));
            Assert.Equal(0, DuckDb.Scalar<long>($"SELECT count(*) FROM ({Rows(expected)} EXCEPT ALL {Rows(actual)})"));
            Assert.Equal(0, DuckDb.Scalar<long>($"SELECT count(*) FROM ({Rows(actual)} EXCEPT ALL {Rows(expected)})"));
        }
        Assert.Equal(0, (await CliRunner.RunAsync("verify", actual)).ExitCode);
    }

    [Fact]
    public async Task A_build_never_adopts_or_removes_the_folder_of_a_build_that_is_still_running()
    {
        using var dir = new TempDir();
        var recipe = WriteRecipe(dir);
        var builds = Path.Combine(dir.Path, "work", "builds");
        // An unfinished build of this very recipe and version, still running: its plan is there and its lock is held.
        var live = new WorkFolder(Path.Combine(builds, "1.0.0-20000101T000000000-live00"));
        Assert.Equal(0, (await CliRunner.RunAsync("plan", recipe, "--tasks", "1", "--work", live.Root, "--out", dir.File("out"))).ExitCode);
        using var held = TaskLock.TryAcquire(Corpus.Pipeline.InProcessBuild.LockPath(live));
        Assert.NotNull(held);
        // It may be writing its release right now: its temporary folder is not a leftover.
        var temp = Path.Combine(dir.File("out"), ".tmp-1.0.0-0123456789abcdef");
        Directory.CreateDirectory(temp);

        var build = await CliRunner.RunAsync("build", recipe, "--out", dir.File("out"));
        Assert.True(build.ExitCode == 0, build.Output + build.Error);
        Assert.DoesNotContain("Resumed", build.Output);
        Assert.DoesNotContain("Removed", build.Output);
        Assert.True(Directory.Exists(temp));
        Assert.True(File.Exists(live.PlanPath));
        Assert.False(Directory.Exists(live.StageDirectory("crawl")));
        Assert.Equal(2, Directory.GetDirectories(builds).Length);
    }

    /// <summary>The bundled sample site, crawled from a recipe in <paramref name="dir"/> (so its work folder is there too).</summary>
    private static string WriteRecipe(TempDir dir)
    {
        File.WriteAllText(dir.File("corpus.yaml"), $"""
            name: sample
            version: 1.0.0
            license: CC-BY-4.0
            description: The sample site, crawled.
            languages: [id, en, ms]
            sources:
              serve:
                - dir: {RepoPaths.SampleSite}
                  host: kabarnusantara.test
              sitemaps: [http://kabarnusantara.test/sitemap.xml]
            crawl:
              allowed_hosts: [kabarnusantara.test]
            quality:
              min_words: 50
              max_link_density: 0.5
            output:
              dir: releases
              compression: zstd
            """);
        return dir.File("corpus.yaml");
    }
}
