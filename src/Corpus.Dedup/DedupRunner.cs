using Corpus.Dedup.Clustering;
using Corpus.Dedup.Lines;
using Corpus.Dedup.MinHash;
using Corpus.Dedup.Staging;

namespace Corpus.Dedup;

/// <summary>The stages in order. Those marked per task run as task i of N; <see cref="Clusters"/> runs once.</summary>
public enum DedupStep
{
    Lines,
    RepeatedLines,
    Signatures,
    Buckets,
    Clusters,
    Filter,
}

public sealed record DedupSummary(long Documents, long Clusters, long Duplicates, int RepeatedLines, SortedDictionary<int, long> LineHistogram)
{
    /// <summary>Wall and CPU time of each stage the local runner ran, in order (empty when the stages ran as separate tasks).</summary>
    public IReadOnlyList<StageTime> Times { get; init; } = [];
}

/// <summary>How long one stage took: wall time, and CPU time of the whole process while it ran.</summary>
public readonly record struct StageTime(string Stage, TimeSpan Wall, TimeSpan Cpu)
{
    public static StageTime Measure(string stage, Action run)
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        run();
        return new StageTime(stage, clock.Elapsed, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}

/// <summary>
/// Runs the stages over a work folder. <see cref="RunStep"/> is one task of one stage (what a separate process
/// runs); <see cref="RunLocal"/> is the local runner: every stage in order, the tasks of each on N workers.
/// </summary>
public sealed class DedupRunner(DedupOptions options, WorkLayout layout)
{
    public DedupOptions Options => options;
    public WorkLayout Layout => layout;

    public static bool IsPerTask(DedupStep step) => step != DedupStep.Clusters;

    /// <summary>Runs one task of one stage. For <see cref="DedupStep.Filter"/>, <paramref name="sink"/> receives the verdicts.</summary>
    public void RunStep(DedupStep step, IDedupSource source, int task, Action<IEnumerable<DedupVerdict>>? sink = null)
    {
        if (task < 0 || task >= options.Tasks) throw new ArgumentOutOfRangeException(nameof(task), $"task must be in 0..{options.Tasks - 1}.");
        switch (step)
        {
            case DedupStep.Lines:
                LineCountStage.Run(source, options, layout, task); // the drafts too, with or without repeated lines
                break;
            case DedupStep.RepeatedLines:
                if (options.RepeatedLines) RepeatedLineStage.Run(options, layout, task);
                break;
            case DedupStep.Signatures:
                SignatureStage.Run(source, options, layout, Repeated(), task);
                break;
            case DedupStep.Buckets:
                BucketStage.Run(layout, task);
                break;
            case DedupStep.Clusters:
                ClusterStage.Run(options, layout);
                break;
            case DedupStep.Filter:
                var verdicts = FilterStage.Run(source, options, layout, Repeated(), task);
                if (sink is null) foreach (var _ in verdicts) { } else sink(verdicts);
                break;
        }
    }

    public DedupSummary RunLocal(IDedupSource source, Action<int, IEnumerable<DedupVerdict>> sink) =>
        RunLocal(source, () => ForEachTask(DedupStep.Filter, source, task => RunStep(DedupStep.Filter, source, task, verdicts => sink(task, verdicts))));

    /// <summary>
    /// Every stage in this process, each task of a stage on its own core, with the filter stage run by
    /// <paramref name="filter"/> (every task's share: e.g. one ordered pass over the input that writes the output itself).
    /// </summary>
    public DedupSummary RunLocal(IDedupSource source, Action filter)
    {
        var times = new List<StageTime>
        {
            StageTime.Measure("lines", () => ForEachTask(DedupStep.Lines, source)),
            StageTime.Measure("repeated-lines", () => ForEachTask(DedupStep.RepeatedLines, source)),
            StageTime.Measure("signatures", () => ForEachTask(DedupStep.Signatures, source)),
            StageTime.Measure("buckets", () => ForEachTask(DedupStep.Buckets, source)),
        };
        (long Documents, long Clusters, long Duplicates) result = default;
        times.Add(StageTime.Measure("clusters", () => result = ClusterStage.Run(options, layout)));
        times.Add(StageTime.Measure("filter", filter));
        return Summary(result.Documents, result.Clusters, result.Duplicates) with { Times = times };
    }

    private void ForEachTask(DedupStep step, IDedupSource source, Action<int>? each = null)
    {
        try
        {
            System.Threading.Tasks.Parallel.For(0, options.Tasks, new ParallelOptions { MaxDegreeOfParallelism = options.Tasks },
                task => { if (each is null) RunStep(step, source, task); else each(task); });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A bad input line is the user's to fix: surface it as itself, not as a parallel-loop failure.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(
                e.InnerExceptions.FirstOrDefault(x => x is Corpus.Core.CorpusUserException) ?? e.InnerExceptions[0]);
        }
    }

    public DedupSummary Summary(long documents, long clusters, long duplicates) =>
        new(documents, clusters, duplicates, Repeated().Count,
            options.RepeatedLines ? RepeatedLineStage.Histogram(layout, options.Tasks) : new SortedDictionary<int, long>());

    private RepeatedLineSet? _repeated;
    private readonly Lock _gate = new();

    /// <summary>The repeated lines the repeated-lines stage found (loaded once).</summary>
    public RepeatedLineSet RepeatedLines => Repeated();

    private RepeatedLineSet Repeated()
    {
        if (!options.RepeatedLines) return RepeatedLineSet.Empty;
        lock (_gate) return _repeated ??= RepeatedLineSet.Load(layout, options.Tasks);
    }

    /// <summary>Dedups documents held in memory in a temporary work folder; verdicts come back in input order.</summary>
    public static (DedupVerdict[] Verdicts, DedupSummary Summary) RunInMemory(IReadOnlyList<DedupInput> documents, DedupOptions options)
    {
        var work = Path.Combine(Path.GetTempPath(), "corpus-dedup", Guid.NewGuid().ToString("N"));
        try
        {
            var verdicts = new DedupVerdict[documents.Count];
            var runner = new DedupRunner(options, new WorkLayout(work));
            var summary = runner.RunLocal(new ListDedupSource(documents), (_, vs) =>
            {
                foreach (var v in vs) verdicts[v.Input.Index] = v;
            });
            return (verdicts, summary);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
