using System.Diagnostics;
using System.Text.RegularExpressions;
using Corpus.Core.Tasks;
using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

/// <summary>
/// The scripts <c>corpus plan --executor slurm</c> writes, submitted to a real Slurm (a one-node cluster that
/// <c>.ci/slurm-up</c> starts): job arrays, <c>SLURM_ARRAY_TASK_ID</c>, <c>afterok</c> chaining and resubmission.
/// Skipped, and said so, where no Slurm answers, unless CORPUS_REQUIRE_SLURM=1 (CI), where that fails.
/// </summary>
[Collection(ScaledBuildCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Scale)]
public sealed class RealSlurmTests(ScaledBuildFixture fixture)
{
    [SkippableFact]
    public async Task Submitted_to_Slurm_the_plan_builds_the_release_and_a_resubmission_changes_nothing()
    {
        var up = await SlurmIsUpAsync();
        // CI sets CORPUS_REQUIRE_SLURM=1: there a missing Slurm is a failure, not a skip.
        Assert.False(!up && Environment.GetEnvironmentVariable("CORPUS_REQUIRE_SLURM") == "1", "CORPUS_REQUIRE_SLURM=1 but no Slurm cluster answers here (.ci/slurm-up starts one)");
        Skip.IfNot(up, "no Slurm cluster answers here (.ci/slurm-up starts one)");
        using var dir = new TempDir();
        var work = new WorkFolder(dir.File("work"));
        var release = Path.Combine(dir.File("out"), "1.0.0");
        var plan = await CliRunner.RunAsync("plan", fixture.Recipe, "--tasks", "2", "--work", work.Root, "--out", dir.File("out"),
            "--executor", "slurm", "--cpus", "1", "--mem", "1");
        Assert.True(plan.ExitCode == 0, plan.Error);
        var submit = Path.Combine(work.Root, "slurm", "submit.sh");

        var jobs = await SubmitAndWaitAsync(submit);
        Assert.Equal(work.LoadPlan().Stages.Count, jobs.Count);
        foreach (var stage in work.LoadPlan().Stages)
            for (var t = 0; t < stage.Tasks; t++)
                Assert.True(TaskMarkers.IsDone(work, stage.Name, t), $"{stage.Name} task {t} has no done marker: {Logs(work)}");
        // Array task 1 of the process stage ran as task 1, from SLURM_ARRAY_TASK_ID.
        Assert.Contains("process task 1/2", File.ReadAllText(Path.Combine(work.Root, "logs", "slurm", "process-1.out")));
        ReleaseFiles.AssertIdentical(fixture.OneProcessRelease, release);

        var markers = Directory.GetFiles(Path.Combine(work.Root, "markers"), "*.done.json", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        await SubmitAndWaitAsync(submit);
        foreach (var (path, text) in markers) Assert.Equal(text, File.ReadAllText(path));
        Assert.Contains("already done", File.ReadAllText(Path.Combine(work.Root, "logs", "slurm", "write-0.out")));
        ReleaseFiles.AssertIdentical(fixture.OneProcessRelease, release);
    }

    private static string Logs(WorkFolder work) =>
        string.Join("\n", Directory.GetFiles(Path.Combine(work.Root, "logs", "slurm")).Select(f => $"{f}: {File.ReadAllText(f)}"));

    /// <summary>Runs submit.sh and waits until none of the jobs it submitted is queued or running.</summary>
    private static async Task<List<string>> SubmitAndWaitAsync(string submit)
    {
        var (code, output) = await RunAsync("bash", submit);
        Assert.True(code == 0, output);
        var jobs = Regex.Matches(output, @": job (\d+)").Select(m => m.Groups[1].Value).ToList();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (_, queue) = await RunAsync("squeue", "-h", "-o", "%i %T %r", "-j", string.Join(',', jobs));
            if (queue.Trim().Length == 0) return jobs;
            // A dependency that can never be met means a task failed: stop instead of waiting for it.
            if (queue.Contains("DependencyNeverSatisfied", StringComparison.Ordinal) || clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                await RunAsync("scancel", [.. jobs]);
                Assert.Fail($"Slurm jobs did not finish: {queue}");
            }
            await Task.Delay(1000);
        }
    }

    private static async Task<bool> SlurmIsUpAsync()
    {
        try
        {
            var (code, output) = await RunAsync("sinfo", "-h", "-o", "%t");
            return code == 0 && Regex.IsMatch(output, "idle|mix|alloc");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no sinfo on this machine
        }
    }

    private static Task<(int Code, string Output)> RunAsync(string file, params string[] args) => ChildProcess.RunAsync(file, args);
}
