using System.Text.Json;

namespace Corpus.Core.Tasks;

/// <summary>
/// <c>stats/STEP.json</c> in the work folder: one step's counts summed over its tasks (documents in/out, bytes, rule
/// counts, per-stage times in <c>step_ms:NAME</c>), its wall time (first start to last finish) and its processor time.
/// A one-process build and an N-task build write the same file; <c>corpus status</c> and the build's table read it.
/// </summary>
public sealed record StepStats
{
    public required string Step { get; init; }
    public required int Tasks { get; init; }
    public required double WallSeconds { get; init; }
    public required double CpuSeconds { get; init; }
    public required SortedDictionary<string, long> Counts { get; init; }

    public long Count(string name) => Counts.GetValueOrDefault(name);

    public static string PathOf(WorkFolder work, string step) => Path.Combine(work.Root, "stats", $"{step}.json");

    /// <summary>The step's summed stats once every task is done, else null.</summary>
    public static StepStats? FromMarkers(WorkFolder work, PlannedStage stage)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        DateTimeOffset? first = null, last = null;
        double cpu = 0;
        for (var t = 0; t < stage.Tasks; t++)
        {
            if (TaskMarkers.Read(work, stage.Name, t, TaskState.Done) is not { } done) return null;
            foreach (var (k, v) in done.Stats ?? []) counts[k] = counts.GetValueOrDefault(k) + v;
            if (first is null || done.Started < first) first = done.Started;
            if (done.Finished is { } f && (last is null || f > last)) last = f;
            cpu += done.CpuSeconds ?? 0;
        }
        return new StepStats
        {
            Step = stage.Name, Tasks = stage.Tasks, WallSeconds = ((last ?? first) - first)?.TotalSeconds ?? 0, CpuSeconds = cpu, Counts = counts,
        };
    }

    public static void WriteIfComplete(WorkFolder work, PlannedStage stage)
    {
        if (FromMarkers(work, stage) is not { } stats) return;
        var path = PathOf(work, stage.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(stats, WorkPlan.Json) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    public static StepStats? Read(WorkFolder work, string step)
    {
        var path = PathOf(work, step);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<StepStats>(File.ReadAllText(path), WorkPlan.Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
