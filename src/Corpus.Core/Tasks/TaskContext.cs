namespace Corpus.Core.Tasks;

/// <summary>What a stage's task body gets: which slice it is, where to write, a log, and counters for its stats.</summary>
public sealed class TaskContext(WorkFolder work, WorkPlan plan, string stage, int task, int tasks, TextWriter log)
{
    public WorkFolder Work => work;
    public WorkPlan Plan => plan;
    public string Stage => stage;
    public int Task => task;
    /// <summary>The stage's task count: the plan's N, or 1 for a stage with the global view.</summary>
    public int Tasks => tasks;
    public TextWriter Log => log;
    public SortedDictionary<string, long> Stats { get; } = new(StringComparer.Ordinal);

    public void Count(string name, long by = 1) => Stats[name] = Stats.GetValueOrDefault(name) + by;

    private int _checkpoints;

    /// <summary>Units of work done so far (checkpoints passed); safe to read from another thread for progress.</summary>
    public int Done => Volatile.Read(ref _checkpoints);

    /// <summary>
    /// Marks one unit of work done. When <c>CORPUS_TASK_KILL=stage/task/n</c> names this task, the process kills
    /// itself (SIGKILL, no cleanup) at the n-th checkpoint: the kill-and-relaunch test uses it to stop a task at a
    /// chosen point mid-write, exactly as a scheduler's kill or a dead node would.
    /// <para>Likewise <c>CORPUS_TASK_PAUSE=stage/task/n</c> makes the task print <c>paused at stage/task/n</c> on standard
    /// output at its n-th checkpoint and wait there, alive and holding its lock, until its standard input closes: the
    /// lock test starts a second copy of a task while the first is certainly running, without waiting on time.</para>
    /// </summary>
    public void Checkpoint()
    {
        var passed = Interlocked.Increment(ref _checkpoints);
        if (KillAt is { } k && k.Stage == stage && k.Task == task && k.After == passed)
        {
            log.Flush();
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
        if (PauseAt is { } p && p.Stage == stage && p.Task == task && p.After == passed)
        {
            log.Flush();
            Console.Out.WriteLine($"paused at {stage}/{task}/{passed}");
            Console.Out.Flush();
            while (Console.In.ReadLine() is not null) { }
        }
    }

    private static readonly (string Stage, int Task, int After)? KillAt = ParseKill(Environment.GetEnvironmentVariable("CORPUS_TASK_KILL"));
    private static readonly (string Stage, int Task, int After)? PauseAt = ParseKill(Environment.GetEnvironmentVariable("CORPUS_TASK_PAUSE"));

    private static (string, int, int)? ParseKill(string? value)
    {
        var parts = value?.Split('/');
        return parts is [var s, var t, var n] && int.TryParse(t, out var ti) && int.TryParse(n, out var ni) ? (s, ti, ni) : null;
    }
}
