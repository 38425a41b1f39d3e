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
    /// <summary>Processor time the task used (every thread), for the per-step table.</summary>
    public double? CpuSeconds { get; init; }
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
            // Done and failed markers are what a later run trusts, so they reach the disk before the rename. A running
            // marker is not synced: after a crash of the machine its writer is dead anyway, StateOf reads only its
            // existence and time, and RunningElsewhere takes an empty or torn one for no marker (as it would a stale one).
            if (state != TaskState.Running) stream.Flush(flushToDisk: true);
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

    /// <summary>
    /// Who else is running this task right now, or null: a running marker from a live process on this machine, or from
    /// another machine whose heartbeat is younger than <paramref name="fresh"/>. Two runs of one task would race on
    /// its output, so the second is refused until the first ends or goes stale.
    /// </summary>
    public static string? RunningElsewhere(WorkFolder work, string stage, int task, TimeSpan fresh, DateTimeOffset now)
    {
        if (Read(work, stage, task, TaskState.Running) is not { } marker) return null;
        if (marker.Host == Environment.MachineName)
        {
            if (marker.Pid == Environment.ProcessId || !IsAlive(marker.Pid, marker.Started)) return null;
            return $"on this machine (pid {marker.Pid}, started {marker.Started:yyyy-MM-dd HH:mm:ss}Z)";
        }
        var age = now - File.GetLastWriteTimeUtc(work.Marker(stage, task, TaskState.Running));
        return age < fresh ? $"on {marker.Host} (pid {marker.Pid}, heartbeat {age.TotalSeconds:0} s ago)" : null;
    }

    /// <summary>A live process with this pid that started no later than the marker (so not a reused pid).</summary>
    private static bool IsAlive(int pid, DateTimeOffset started)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= started.UtcDateTime.AddSeconds(5);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
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
