using System.Diagnostics;

namespace Corpus.Core.Tasks;

public enum TaskOutcome
{
    Completed,
    /// <summary>The task's completion marker was already there: nothing ran.</summary>
    AlreadyDone,
}

/// <summary>
/// Runs one task of one stage under the work folder's rules: refuses a task count other than the plan's and a
/// stage whose predecessor is unfinished; does nothing when the task's done marker exists; otherwise writes a
/// running marker (its time refreshed as a heartbeat) while holding the task's exclusive lock <c>markers/STAGE/task-NNN.lock</c> (a second run of a task that is still running — lock held here, or a fresh heartbeat from another machine — is refused before it touches any marker), logs to <c>logs/STAGE/task-NNN.log</c>, runs the body —
/// which starts by clearing any output a killed earlier attempt left — and writes the done marker last, or a failed
/// marker with the error.
/// </summary>
public sealed class TaskRunner(WorkFolder work, TimeSpan? heartbeat = null)
{
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Called with each task's context as its body starts (for a live progress display of its counters).</summary>
    public Action<TaskContext>? Started { get; init; }

    public async Task<TaskOutcome> RunAsync(string stage, TaskIdentity identity, TextWriter console,
        Func<TaskContext, CancellationToken, Task> body, CancellationToken ct)
    {
        var plan = work.LoadPlan();
        var planned = plan.Stage(stage);
        if (identity.Tasks is { } n && n != planned.Tasks)
            throw new CorpusUserException(planned.Tasks == plan.Tasks
                ? $"this work folder was planned with {plan.Tasks} tasks, not {n}: a changed task count would slice the inputs differently from the tasks already run. Keep {plan.Tasks}, or plan a new --work folder."
                : $"stage '{stage}' runs as one task (it needs every part at once), not {n}.");
        var task = identity.Task;
        if (task < 0 || task >= planned.Tasks)
            throw new CorpusUserException($"task {task} is out of range: stage '{stage}' has tasks 0..{planned.Tasks - 1}.");
        // Held until this method returns (done or failed marker written, running marker gone); the kernel drops it if the process dies.
        using var taskLock = TaskLock.TryAcquire(TaskLock.PathOf(work, stage, task))
            ?? throw new CorpusUserException($"{stage} task {task} is already running on this machine (another process holds {TaskLock.PathOf(work, stage, task)}); " +
                "two runs of one task would race on its output. Wait for it to end, or stop it.");
        if (TaskMarkers.IsDone(work, stage, task))
        {
            await console.WriteLineAsync($"{stage} task {task}/{planned.Tasks}: already done (marker {work.Marker(stage, task, TaskState.Done)}).");
            return TaskOutcome.AlreadyDone;
        }
        var beatEvery = heartbeat ?? DefaultHeartbeat;
        // Besides the lock (which also covers two copies starting at once, before either wrote a marker): a running
        // marker of a live process here, or of another machine whose heartbeat is fresh (a lock does not reach it).
        if (TaskMarkers.RunningElsewhere(work, stage, task, 3 * beatEvery, DateTimeOffset.UtcNow) is { } where)
            throw new CorpusUserException($"{stage} task {task} is already running {where}; two runs of one task would race on its output. " +
                $"If that run is dead, it counts as stale {3 * beatEvery.TotalSeconds:0} s after its last heartbeat (see corpus status), or delete {work.Marker(stage, task, TaskState.Running)}.");
        if (plan.Previous(stage) is { } previous)
        {
            var missing = Enumerable.Range(0, previous.Tasks).Where(t => !TaskMarkers.IsDone(work, previous.Name, t)).ToList();
            if (missing.Count > 0)
                throw new CorpusUserException($"stage '{previous.Name}' is not finished (tasks {string.Join(", ", missing)} have no done marker); '{stage}' reads its parts.");
        }

        var started = DateTimeOffset.UtcNow;
        var marker = new TaskMarker { Stage = stage, Task = task, Host = Environment.MachineName, Pid = Environment.ProcessId, Started = started };
        TaskMarkers.Write(work, TaskState.Running, marker);
        var runningPath = work.Marker(stage, task, TaskState.Running);
        await using var beat = new Timer(_ =>
        {
            try { File.SetLastWriteTimeUtc(runningPath, DateTime.UtcNow); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }, null, beatEvery, beatEvery);

        var logPath = work.Log(stage, task);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        await using var logFile = new StreamWriter(logPath, append: true) { AutoFlush = true };
        await using var log = new TeeWriter(logFile, console);
        await log.WriteLineAsync($"[{started:O}] {stage} task {task}/{planned.Tasks} on {marker.Host} (pid {marker.Pid})");
        var context = new TaskContext(work, plan, stage, task, planned.Tasks, log);
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        double Cpu() => (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Started?.Invoke(context);
        try
        {
            await body(context, ct);
        }
        catch (Exception e)
        {
            await log.WriteLineAsync($"[{DateTimeOffset.UtcNow:O}] failed after {clock.Elapsed.TotalSeconds:0.0} s: {e.Message}");
            TaskMarkers.Write(work, TaskState.Failed, marker with { Finished = DateTimeOffset.UtcNow, Seconds = clock.Elapsed.TotalSeconds, CpuSeconds = Cpu(), Error = e.Message, Stats = context.Stats });
            TaskMarkers.Delete(work, stage, task, TaskState.Running);
            throw;
        }
        TaskMarkers.Write(work, TaskState.Done, marker with { Finished = DateTimeOffset.UtcNow, Seconds = clock.Elapsed.TotalSeconds, CpuSeconds = Cpu(), Stats = context.Stats });
        TaskMarkers.Delete(work, stage, task, TaskState.Running);
        TaskMarkers.Delete(work, stage, task, TaskState.Failed);
        // The task that completes its stage sums every task's counts into stats/STAGE.json (the same file for 1 or N tasks).
        StepStats.WriteIfComplete(work, planned);
        await log.WriteLineAsync($"[{DateTimeOffset.UtcNow:O}] done in {clock.Elapsed.TotalSeconds:0.0} s: " +
            string.Join(", ", context.Stats.Select(kv => $"{kv.Key} {kv.Value}")));
        return TaskOutcome.Completed;
    }

    /// <summary>Writes every line to the task's log file and to the console.</summary>
    private sealed class TeeWriter(TextWriter a, TextWriter b) : TextWriter
    {
        public override System.Text.Encoding Encoding => a.Encoding;
        public override void Write(char value) { a.Write(value); b.Write(value); }
        public override void Write(string? value) { a.Write(value); b.Write(value); }
        public override void WriteLine(string? value) { a.WriteLine(value); b.WriteLine(value); }
        public override Task WriteLineAsync(string? value) { WriteLine(value); return Task.CompletedTask; }
        public override void Flush() { a.Flush(); b.Flush(); }
    }
}
