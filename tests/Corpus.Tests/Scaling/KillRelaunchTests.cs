using Corpus.Cli.Scaling;
using Corpus.Core.Tasks;
using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

/// <summary>
/// A task killed with SIGKILL mid-way (the process kills itself at a chosen checkpoint, as a scheduler or a dead node
/// would), then the plan relaunched: only the missing tasks run, and the release is still byte-identical.
/// </summary>
[Collection(ScaledBuildCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Scale)]
public sealed class KillRelaunchTests(ScaledBuildFixture fixture)
{
    [Theory]
    [InlineData("process", 1, 3)]
    [InlineData("dedup-filter", 2, 2)]
    [InlineData("write", 0, 2)]
    public async Task A_task_killed_mid_way_is_rerun_from_scratch_and_the_release_is_unchanged(string stage, int task, int checkpoint)
    {
        if (stage == "process") task = ProcessTaskWithPages(task, checkpoint);
        using var dir = new TempDir();
        var work = new WorkFolder(dir.File("work"));
        var plan = await CliRunner.RunAsync("plan", fixture.Recipe, "--tasks", "4", "--work", work.Root, "--out", dir.File("out"));
        Assert.Equal(0, plan.ExitCode);

        var (code, output) = await RunInProcessAsync(work.Root, $"{stage}/{task}/{checkpoint}");
        Assert.True(code == 1, output);
        Assert.Contains("killed (exit code 137)", output);
        Assert.Equal(TaskState.Failed, TaskMarkers.StateOf(work, stage, task, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        Assert.False(File.Exists(work.Marker(stage, task, TaskState.Running)));
        // It died mid-write: its half-written temporary folder is there, its output folder is not.
        var stageDir = work.StageDirectory(stage);
        Assert.NotEmpty(Directory.GetDirectories(stageDir, $".tmp-task-{task:D3}-*"));
        Assert.False(Directory.Exists(Path.Combine(stageDir, $"task-{task:D3}")));
        Assert.False(Directory.Exists(dir.File("out")));
        var status = await CliRunner.RunAsync("status", "--work", work.Root);
        Assert.Contains($"{stage} task {task} failed: killed", status.Output);

        var doneBefore = DoneMarkers(work);
        var relaunch = await CliRunner.RunAsync("run", "--work", work.Root, "--workers", "4");
        Assert.True(relaunch.ExitCode == 0, relaunch.Output + relaunch.Error);
        // The tasks that had finished were not run again.
        foreach (var (path, text) in doneBefore) Assert.Equal(text, File.ReadAllText(path));
        Assert.Empty(Directory.GetDirectories(stageDir, ".tmp-*"));
        ReleaseFiles.AssertIdentical(fixture.OneProcessRelease, Path.Combine(dir.File("out"), "1.0.0"));
    }

    [Fact]
    public async Task A_publish_task_killed_after_publishing_adopts_its_own_release_and_refuses_another()
    {
        using var dir = new TempDir();
        var work = new WorkFolder(dir.File("work"));
        var release = Path.Combine(dir.File("out"), "1.0.0");
        Assert.Equal(0, (await CliRunner.RunAsync("plan", fixture.Recipe, "--tasks", "4", "--work", work.Root, "--out", dir.File("out"))).ExitCode);

        var (code, output) = await RunInProcessAsync(work.Root, "publish/0/1");
        Assert.True(code == 1, output);
        Assert.True(Directory.Exists(release), "the release was published before the kill");
        Assert.False(TaskMarkers.IsDone(work, "publish", 0));

        var relaunch = await CliRunner.RunAsync("run", "--work", work.Root, "--workers", "4");
        Assert.True(relaunch.ExitCode == 0, relaunch.Output + relaunch.Error);
        Assert.Contains("published by an earlier attempt", File.ReadAllText(work.Log("publish", 0)));
        ReleaseFiles.AssertIdentical(fixture.OneProcessRelease, release);

        // A release of this version that is not this build's (here: other counts in its manifest) is never adopted.
        TaskMarkers.Delete(work, "publish", 0, TaskState.Done);
        var manifest = Path.Combine(release, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"kept\": 27", "\"kept\": 26", StringComparison.Ordinal));
        var again = await CliRunner.RunAsync("task", "publish", "--work", work.Root);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);
    }

    /// <summary>
    /// Which process task reads pages depends on how many WARC files the fixture's crawl cut (files rotate only
    /// between group commits, so a loaded machine cuts fewer): the named task if it read at least
    /// <paramref name="checkpoint"/> pages in the fixture's run of the same plan, else the first task that did.
    /// </summary>
    private int ProcessTaskWithPages(int preferred, int checkpoint)
    {
        var work = new WorkFolder(fixture.Work);
        var inputs = Enumerable.Range(0, 4).Select(t => TaskMarkers.Read(work, "process", t, TaskState.Done)!.Stats!["input"]).ToList();
        return inputs[preferred] >= checkpoint ? preferred : inputs.FindIndex(n => n >= checkpoint);
    }

    private static Dictionary<string, string> DoneMarkers(WorkFolder work) =>
        Directory.GetFiles(Path.Combine(work.Root, "markers"), "*.done.json", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

    /// <summary>The local executor in its own process, so the kill switch reaches only its tasks.</summary>
    private static Task<(int Code, string Output)> RunInProcessAsync(string work, string kill)
    {
        var cli = TaskCommandLine.Current();
        return ChildProcess.RunAsync(cli.FileName, cli.Prefix.Concat(["run", "--work", work, "--workers", "4"]),
            new Dictionary<string, string> { ["CORPUS_TASK_KILL"] = kill });
    }
}
