namespace Corpus.Core.Tasks;

/// <summary>
/// One stage's tasks by state, their summed stats, the tasks that need a look (failed or stale), and its wall time
/// (first start to last finish of its done tasks).
/// </summary>
public sealed record StageStatus(
    string Stage, int Tasks, IReadOnlyDictionary<TaskState, int> ByState, SortedDictionary<string, long> Stats,
    IReadOnlyList<(int Task, TaskState State, string Detail)> Problems, TimeSpan? Wall = null)
{
    public int Count(TaskState state) => ByState.GetValueOrDefault(state);
    public TimeSpan? Cpu { get; init; }
    public bool IsDone => Count(TaskState.Done) == Tasks;
}

/// <summary>What <c>corpus status</c> shows: the plan's stages in order, read from the markers alone.</summary>
public static class WorkStatus
{
    public static IReadOnlyList<StageStatus> Read(WorkFolder work, TimeSpan staleAfter, DateTimeOffset now)
    {
        var plan = work.LoadPlan();
        var result = new List<StageStatus>();
        foreach (var stage in plan.Stages)
        {
            var byState = new Dictionary<TaskState, int>();
            var stats = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var problems = new List<(int, TaskState, string)>();
            DateTimeOffset? first = null, last = null;
            for (var t = 0; t < stage.Tasks; t++)
            {
                var state = TaskMarkers.StateOf(work, stage.Name, t, staleAfter, now);
                byState[state] = byState.GetValueOrDefault(state) + 1;
                switch (state)
                {
                    case TaskState.Done when TaskMarkers.Read(work, stage.Name, t, TaskState.Done) is { } done:
                        foreach (var (k, v) in done.Stats ?? []) stats[k] = stats.GetValueOrDefault(k) + v;
                        if (first is null || done.Started < first) first = done.Started;
                        if (done.Finished is { } f && (last is null || f > last)) last = f;
                        break;
                    case TaskState.Failed:
                        var failed = TaskMarkers.Read(work, stage.Name, t, TaskState.Failed);
                        problems.Add((t, state, $"{failed?.Error ?? "failed"} (log: {work.Log(stage.Name, t)})"));
                        break;
                    case TaskState.Stale:
                        var running = TaskMarkers.Read(work, stage.Name, t, TaskState.Running);
                        var beat = File.GetLastWriteTimeUtc(work.Marker(stage.Name, t, TaskState.Running));
                        problems.Add((t, state, $"no heartbeat since {beat:yyyy-MM-dd HH:mm:ss}Z from {running?.Host} pid {running?.Pid}: killed or lost; rerun it (log: {work.Log(stage.Name, t)})"));
                        break;
                }
            }
            // A finished stage is shown from its stats file, the one the build's per-step table reads too.
            if (StepStats.Read(work, stage.Name) is { } summed && byState.GetValueOrDefault(TaskState.Done) == stage.Tasks)
                result.Add(new StageStatus(stage.Name, stage.Tasks, byState, summed.Counts, problems, TimeSpan.FromSeconds(summed.WallSeconds)) { Cpu = TimeSpan.FromSeconds(summed.CpuSeconds) });
            else
                result.Add(new StageStatus(stage.Name, stage.Tasks, byState, stats, problems, last - first));
        }
        return result;
    }
}
