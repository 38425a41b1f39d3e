using System.Diagnostics;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Scaling;

/// <summary>
/// Runs a plan on this machine the way a scheduler would: stage after stage, each stage's unfinished tasks as
/// separate <c>corpus task</c> processes, at most W at a time. Done tasks are skipped, so running it again after a
/// failure or a kill reruns only what is missing. A task that dies without saying why (killed, out of memory) gets a
/// failed marker with its exit code — unless another copy of it still holds its lock, whose markers are left alone.
/// </summary>
public sealed class LocalExecutor(WorkFolder work, int workers, TaskCommandLine command, TextWriter output)
{
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var plan = work.LoadPlan();
        foreach (var stage in plan.Stages)
        {
            var pending = Enumerable.Range(0, stage.Tasks).Where(t => !TaskMarkers.IsDone(work, stage.Name, t)).ToList();
            if (pending.Count == 0)
            {
                await output.WriteLineAsync($"{stage.Name}: {stage.Tasks} of {stage.Tasks} tasks already done");
                continue;
            }
            var clock = Stopwatch.StartNew();
            using var slots = new SemaphoreSlim(Math.Max(1, workers));
            var results = await Task.WhenAll(pending.Select(async t =>
            {
                await slots.WaitAsync(ct);
                try { return (Task: t, Code: await RunTaskAsync(stage, t, ct)); }
                finally { slots.Release(); }
            }));
            var failed = results.Where(r => r.Code != 0).ToList();
            await output.WriteLineAsync($"{stage.Name}: {pending.Count - failed.Count} of {pending.Count} task(s) ran in {clock.Elapsed.TotalSeconds:0.0} s" +
                (failed.Count > 0 ? $", {failed.Count} failed" : ""));
            if (failed.Count == 0) continue;
            foreach (var (t, code) in failed)
            {
                var error = TaskMarkers.Read(work, stage.Name, t, TaskState.Failed)?.Error ?? $"exit code {code}";
                await output.WriteLineAsync($"  task {t}: {error} (log: {work.Log(stage.Name, t)})");
            }
            await output.WriteLineAsync($"Run 'corpus run --work {work.Root}' again to rerun the failed tasks; finished ones are kept.");
            return false;
        }
        return true;
    }

    private async Task<int> RunTaskAsync(PlannedStage stage, int task, CancellationToken ct)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in command.Prefix) info.ArgumentList.Add(word);
        foreach (var word in TaskCommandLine.TaskArguments(stage, task, work)) info.ArgumentList.Add(word);
        var started = DateTimeOffset.UtcNow;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command.FileName}");
        // The task writes its own log; its console output is only drained so it never blocks on a full pipe.
        var drainOut = process.StandardOutput.ReadToEndAsync(ct);
        var drainErr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await Task.WhenAll(drainOut, drainErr);
        var code = process.ExitCode;
        var pid = process.Id;
        // A refused start (another copy of the task still runs and holds its lock, e.g. an orphan of a killed run)
        // must never touch the live task's markers.
        if (code != 0 && TaskMarkers.Read(work, stage.Name, task, TaskState.Failed) is null && !TaskLock.IsHeld(TaskLock.PathOf(work, stage.Name, task)))
        {
            // The task could not say why: it was killed (137 = SIGKILL) or crashed before its handler ran.
            var stderr = (await drainErr).Trim();
            var why = code == 137 ? "killed (exit code 137)" : $"exited with code {code}";
            TaskMarkers.Write(work, TaskState.Failed, new TaskMarker
            {
                Stage = stage.Name, Task = task, Host = Environment.MachineName, Pid = pid,
                Started = started, Finished = DateTimeOffset.UtcNow,
                Error = stderr.Length > 0 ? $"{why}: {stderr.Split('\n')[^1]}" : why,
            });
            TaskMarkers.Delete(work, stage.Name, task, TaskState.Running);
        }
        return code;
    }
}
