using Corpus.Core;
using Corpus.Core.Tasks;
using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

public sealed class TaskModelTests
{
    [Fact]
    public void The_task_comes_from_Slurm_or_Kubernetes_when_not_given()
    {
        Dictionary<string, string> slurm = new() { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "8" };
        Assert.Equal(new TaskIdentity(3, 8), TaskIdentity.Resolve(null, null, slurm.GetValueOrDefault));
        Dictionary<string, string> k8s = new() { ["JOB_COMPLETION_INDEX"] = "5" };
        Assert.Equal(new TaskIdentity(5, null), TaskIdentity.Resolve(null, null, k8s.GetValueOrDefault));
        Assert.Equal(new TaskIdentity(1, 4), TaskIdentity.Resolve(1, 4, slurm.GetValueOrDefault));
        Assert.Equal(new TaskIdentity(0, null), TaskIdentity.Resolve(null, null, _ => null));
        Assert.Throws<CorpusUserException>(() => TaskIdentity.Resolve(null, null, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "x" }.GetValueOrDefault));
    }

    [Fact]
    public async Task A_stage_refuses_to_start_before_the_one_it_reads()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliRunner.RunAsync("plan", RepoPaths.SampleRecipe, "--tasks", "2", "--work", dir.Path)).ExitCode);
        var early = await CliRunner.RunAsync("task", "dedup-lines", "--task", "0", "--tasks", "2", "--work", dir.Path);
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("stage 'process' is not finished (tasks 0, 1 have no done marker)", early.Error);
        var unknown = await CliRunner.RunAsync("task", "tokenize", "--work", dir.Path);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("not a stage of this plan", unknown.Error);
        var range = await CliRunner.RunAsync("task", "crawl-0", "--task", "2", "--work", dir.Path);
        Assert.Equal(1, range.ExitCode);
        Assert.Contains("out of range", range.Error);
        var global = await CliRunner.RunAsync("task", "publish", "--tasks", "2", "--work", dir.Path);
        Assert.Equal(1, global.ExitCode);
        Assert.Contains("runs as one task", global.Error);
    }

    [Fact]
    public async Task A_plan_records_the_stages_and_a_second_plan_must_match_it()
    {
        using var dir = new TempDir();
        var first = await CliRunner.RunAsync("plan", RepoPaths.SampleRecipe, "--tasks", "3", "--work", dir.Path, "--rounds", "2");
        Assert.Equal(0, first.ExitCode);
        var plan = new WorkFolder(dir.Path).LoadPlan();
        Assert.Equal(3, plan.Tasks);
        Assert.Equal(["crawl-0", "crawl-1", "process", "dedup-lines", "dedup-repeated", "dedup-signatures", "dedup-buckets", "dedup-clusters", "dedup-filter", "write", "publish"],
            plan.Stages.Select(s => s.Name));
        Assert.Equal([3, 3, 3, 3, 3, 3, 3, 1, 3, 3, 1], plan.Stages.Select(s => s.Tasks));
        Assert.Equal(0, (await CliRunner.RunAsync("plan", RepoPaths.SampleRecipe, "--tasks", "3", "--work", dir.Path, "--rounds", "2")).ExitCode);
        var rounds = await CliRunner.RunAsync("plan", RepoPaths.SampleRecipe, "--tasks", "3", "--work", dir.Path, "--rounds", "4");
        Assert.Equal(1, rounds.ExitCode);
        Assert.Contains("other stages", rounds.Error);
    }

    [Fact]
    public async Task Status_flags_a_task_whose_heartbeat_stopped_and_shows_a_failed_task_s_error()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliRunner.RunAsync("plan", RepoPaths.SampleRecipe, "--tasks", "4", "--work", dir.Path)).ExitCode);
        var work = new WorkFolder(dir.Path);
        TaskMarker Marker(int task) => new() { Stage = "crawl-0", Task = task, Host = "node7", Pid = 4242, Started = DateTimeOffset.UtcNow.AddHours(-1) };
        TaskMarkers.Write(work, TaskState.Done, Marker(0) with { Stats = new() { ["fetched"] = 12 } });
        TaskMarkers.Write(work, TaskState.Done, new TaskMarker { Stage = "crawl-1", Task = 0, Host = "node7", Pid = 1, Started = DateTimeOffset.UnixEpoch, Finished = DateTimeOffset.UnixEpoch.AddSeconds(42.5) });
        TaskMarkers.Write(work, TaskState.Running, Marker(1));
        TaskMarkers.Write(work, TaskState.Running, Marker(2));
        File.SetLastWriteTimeUtc(work.Marker("crawl-0", 2, TaskState.Running), DateTime.UtcNow.AddMinutes(-10));
        TaskMarkers.Write(work, TaskState.Failed, Marker(3) with { Error = "HTTP 503 from robots.txt, gave up" });

        var status = await CliRunner.RunAsync("status", "--work", dir.Path, "--stale-after", "60");
        Assert.Equal(0, status.ExitCode);
        var crawl = status.Output.Split('\n').Single(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+crawl-0\s+\d"));
        // tasks, done, running, stale, failed, pending, wall s, cpu s (none until the stage is done), stats
        Assert.Equal(["crawl-0", "4", "1", "1", "1", "1", "0", "-", "-", "fetched", "12"], crawl.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("crawl-0 task 2 stale: no heartbeat since", status.Output);
        var crawl1 = status.Output.Split('\n').Single(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+crawl-1\s+\d"));
        Assert.Equal("42.5", crawl1.Split(' ', StringSplitOptions.RemoveEmptyEntries)[7]);
        Assert.Contains("node7 pid 4242", status.Output);
        Assert.Contains("crawl-0 task 3 failed: HTTP 503 from robots.txt, gave up", status.Output);
        Assert.Contains("0 of 12 stages done", status.Output);
    }

    [Fact]
    public async Task A_second_run_of_a_task_that_is_still_running_is_refused()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliRunner.RunAsync("plan", RepoPaths.SampleRecipe, "--tasks", "4", "--rounds", "1", "--work", dir.Path)).ExitCode);
        var work = new WorkFolder(dir.Path);
        // A live process on this machine holds task 0's running marker.
        using var holder = System.Diagnostics.Process.Start("sleep", "60");
        TaskMarkers.Write(work, TaskState.Running, new TaskMarker { Stage = "crawl-0", Task = 0, Host = Environment.MachineName, Pid = holder.Id, Started = DateTimeOffset.UtcNow });
        var refused = await CliRunner.RunAsync("task", "crawl-0", "--task", "0", "--tasks", "4", "--work", dir.Path);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"crawl-0 task 0 is already running on this machine (pid {holder.Id}", refused.Error);
        holder.Kill();
        await holder.WaitForExitAsync();
        var after = await CliRunner.RunAsync("task", "crawl-0", "--task", "0", "--tasks", "4", "--work", dir.Path);
        Assert.True(after.ExitCode == 0, after.Error);

        // Another machine's run counts while its heartbeat is fresh, and not once it has gone stale.
        TaskMarkers.Write(work, TaskState.Running, new TaskMarker { Stage = "crawl-0", Task = 1, Host = "node7", Pid = 4242, Started = DateTimeOffset.UtcNow });
        var remote = await CliRunner.RunAsync("task", "crawl-0", "--task", "1", "--tasks", "4", "--work", dir.Path);
        Assert.Equal(1, remote.ExitCode);
        Assert.Contains("already running on node7 (pid 4242, heartbeat", remote.Error);
        File.SetLastWriteTimeUtc(work.Marker("crawl-0", 1, TaskState.Running), DateTime.UtcNow.AddMinutes(-5));
        var stale = await CliRunner.RunAsync("task", "crawl-0", "--task", "1", "--tasks", "4", "--work", dir.Path);
        Assert.True(stale.ExitCode == 0, stale.Error);
        Assert.True(TaskMarkers.IsDone(work, "crawl-0", 1));
    }
}
