namespace Corpus.Core.Tasks;

/// <summary>
/// An OS-level exclusive lock on a file (<see cref="FileShare.None"/>: <c>flock</c> on Linux and macOS, a share lock
/// on Windows), held open for as long as its owner lives. The kernel drops it when the process ends, however it ends
/// (kill -9 included), so a held lock always means a live owner on this machine — unlike a pid or a heartbeat, which
/// can be stale or reused. The file itself stays (deleting it would let a second opener lock a new file beside a
/// holder of the old one).
/// </summary>
public sealed class TaskLock : IDisposable
{
    private readonly FileStream _stream;

    private TaskLock(FileStream stream) => _stream = stream;

    public string Path => _stream.Name;

    /// <summary>The lock, or null when another live process (or another open in this one) holds it.</summary>
    public static TaskLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            return new TaskLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>Whether a live owner holds the lock now (it is taken and released at once to find out).</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        using var probe = TryAcquire(path);
        return probe is null;
    }

    /// <summary>The lock of one task of one stage: <c>markers/STAGE/task-NNN.lock</c>.</summary>
    public static string PathOf(WorkFolder work, string stage, int task) =>
        System.IO.Path.Combine(work.Root, "markers", stage, $"task-{task:D3}.lock");

    public void Dispose() => _stream.Dispose();
}
