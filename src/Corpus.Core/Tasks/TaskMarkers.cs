using System.Text.Json;

namespace Corpus.Core.Tasks;

public enum TaskState
{
    Pending,
    Running,
    /// <summary>A running marker whose heartbeat stopped: the task was killed, or its node died.</summary>
    Stale,
    Failed,
    Done,
}

/// <summary>What a marker file says: who ran the task, when, and how it ended.</summary>
public sealed record TaskMarker
{
    public required string Stage { get; init; }
    public required int Task { get; init; }
    public required string Host { get; init; }
    public required int Pid { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Finished { get; init; }
    public double? Seconds { get; init; }
    public string? Error { get; init; }
    /// <summary>What the task counted (documents read, kept, pages fetched...), summed per stage by <c>corpus status</c>.</summary>
    public SortedDictionary<string, long>? Stats { get; init; }
}

/// <summary>
/// Reads and writes the per-task markers. A marker is written to a temporary name and renamed, so a reader sees a
/// whole marker or none; the done marker is written last, after every output of the task is in place.
/// </summary>
public static class TaskMarkers
{
    public static void Write(WorkFolder work, TaskState state, TaskMarker marker)
    {
        var path = work.Marker(marker.Stage, marker.Task, state);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, marker, WorkPlan.Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static TaskMarker? Read(WorkFolder work, string stage, int task, TaskState state)
    {
        var path = work.Marker(stage, task, state);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<TaskMarker>(File.ReadAllText(path), WorkPlan.Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null; // removed or replaced while reading: the caller looks again next time
        }
    }

    public static bool IsDone(WorkFolder work, string stage, int task) => File.Exists(work.Marker(stage, task, TaskState.Done));

    public static void Delete(WorkFolder work, string stage, int task, TaskState state)
    {
        var path = work.Marker(stage, task, state);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>The state of one task now: done, running (heartbeat fresh), stale (heartbeat older than <paramref name="staleAfter"/>), failed or pending.</summary>
    public static TaskState StateOf(WorkFolder work, string stage, int task, TimeSpan staleAfter, DateTimeOffset now)
    {
        if (IsDone(work, stage, task)) return TaskState.Done;
        var running = work.Marker(stage, task, TaskState.Running);
        if (File.Exists(running))
            return now - File.GetLastWriteTimeUtc(running) > staleAfter ? TaskState.Stale : TaskState.Running;
        return File.Exists(work.Marker(stage, task, TaskState.Failed)) ? TaskState.Failed : TaskState.Pending;
    }
}
