using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Dedup;
using Corpus.Dedup.Clustering;
using Corpus.Dedup.Staging;

namespace Corpus.Pipeline.Steps;

/// <summary>
/// The dedup stages of a scaled-out build: the staged code of <c>corpus dedup</c>, where slice i is id range i of every
/// process task merged in build order. A document's dedup index is its position among all kept documents in build
/// order (range offsets come from the process tasks' counts), the same index the one-process build gives it — so
/// every tie is broken the same way and the verdicts are identical.
/// </summary>
public static class DedupSteps
{
    public static WorkLayout Layout(WorkFolder work) => new(Path.Combine(work.Root, "dedup"));
    public static string FilteredFile(WorkFolder work, int range) =>
        Path.Combine(work.StageDirectory(BuildPlan.DedupFilter), $"task-{range:D3}", "documents.jsonl");

    public static Task RunAsync(StepRun run, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Run(run.Context, run.Recipe, run.Context.Stage);
        return Task.CompletedTask;
    }

    public static void Run(TaskContext context, Recipe recipe, string stage)
    {
        var tasks = context.Plan.Tasks;
        var options = DedupOptions.From(recipe.Dedup) with { Tasks = tasks };
        var layout = Layout(context.Work);
        var runner = new DedupRunner(options, layout);
        // The signature stage takes in every kept document of its range but reads again only those whose draft keys it
        // cannot confirm: those are counted apart, and its documents are the range's kept ones.
        var signatures = stage == BuildPlan.DedupSignatures;
        var source = new RangeSource(context, tasks, signatures ? "signed_again" : "documents");
        var task = context.Task;
        if (PerTaskSteps.TryGetValue(stage, out var step))
        {
            // Sorted runs are spilled into every partition under the task's name: a rerun clears the killed attempt's.
            if (step.Runs is { } runs) WorkLayout.DeleteTaskRuns(runs(layout), tasks, task);
            runner.RunStep(step.Step, source, task);
            if (signatures) context.Count("documents", source.Kept(task));
            return;
        }
        switch (stage)
        {
            case BuildPlan.DedupClusters:
                var (documents, clusters, duplicates) = ClusterStage.Run(options, layout);
                context.Count("documents", documents);
                context.Count("clusters", clusters);
                context.Count("duplicates", duplicates);
                break;
            case BuildPlan.DedupFilter:
                WriteFiltered(context, recipe, source, task, Verdicts(source, runner, task));
                break;
            default:
                throw new Corpus.Core.CorpusUserException($"'{stage}' is not a stage of a scaled-out build.");
        }
    }

    /// <summary>The per-task dedup stages that only exchange staging files, and where each spills its sorted runs.</summary>
    private static readonly Dictionary<string, (DedupStep Step, Func<WorkLayout, Func<int, string>>? Runs)> PerTaskSteps = new()
    {
        [BuildPlan.DedupLines] = (DedupStep.Lines, l => l.LineRuns),
        [BuildPlan.DedupRepeated] = (DedupStep.RepeatedLines, null),
        [BuildPlan.DedupSignatures] = (DedupStep.Signatures, l => l.BucketRuns),
        [BuildPlan.DedupBuckets] = (DedupStep.Buckets, null),
    };

    private static readonly Corpus.Annotation.Counts.CountsStage FinalCounts = new();
    private const int ApplyBatch = 64;

    /// <summary>A kept document with its verdict applied; the count columns describe the published text, so a text that lost repeated lines is counted again.</summary>
    private static Document Apply(Document d, DedupVerdict? verdict)
    {
        if (verdict is null) return d;
        var applied = DedupStage.Apply(d, verdict);
        return applied.RepeatedLinesRemoved > 0 ? FinalCounts.Process(applied) : applied;
    }

    /// <summary>
    /// The range's documents, each kept one with its verdict, from one read of the range: the cluster assignments and the
    /// lines the signature stage found repeated (<see cref="LineRemovals"/>) are applied as they are, so no text is folded
    /// again and the documents are not read a second time for the verdicts. The same verdicts as <see cref="FilterStage"/>.
    /// </summary>
    private static IEnumerable<(Document Document, DedupVerdict? Verdict)> Verdicts(RangeSource source, DedupRunner runner, int range)
    {
        var options = runner.Options;
        using var assignments = ClusterAssignment.ReadAll(runner.Layout.Clusters(range)).GetEnumerator();
        using var removals = options.RepeatedLines ? new Corpus.Dedup.Lines.LineRemovals.Reader(runner.Layout.Removals(range)) : null;
        var pending = assignments.MoveNext() ? assignments.Current : (ClusterAssignment?)null;
        foreach (var (d, index) in source.Indexed(range))
        {
            if (index < 0) { yield return (d, null); continue; }
            var input = DedupStage.InputOf(d, index);
            var removed = removals is null ? [] : removals.For(index);
            var verdict = new DedupVerdict(input, Corpus.Dedup.Lines.LineRemovals.Cut(d.Text, removed), removed.Length, null, null, 1);
            if (pending is { } a && a.Index == index)
            {
                verdict = verdict with { DuplicateOf = a.KeeperIndex == index ? null : a.KeeperId, Cluster = a.KeeperId, ClusterSize = a.Size };
                pending = assignments.MoveNext() ? assignments.Current : null;
            }
            yield return (d, verdict);
        }
        if (pending is not null || removals is { HasMore: true })
            throw new InvalidOperationException($"dedup verdicts of range {range} do not line up with its documents: were the parts changed between stages?");
    }

    /// <summary>Every document of the range, kept or not, in build order, with the verdicts of the kept ones applied; beside it, each row's size for the write tasks' shard cuts.</summary>
    private static void WriteFiltered(TaskContext context, Recipe recipe, RangeSource source, int range, IEnumerable<(Document Document, DedupVerdict? Verdict)> paired)
    {
        var target = Path.GetDirectoryName(FilteredFile(context.Work, range))!;
        var temp = StageFiles.FreshTemp(target);
        IEnumerable<(Document Document, DedupVerdict? Verdict)> Paired() => paired;
        // Applying a verdict recounts a shortened text (token counts are per-document work), so it runs on every core, in
        // order; in batches, because most documents need little work and a hand-off per document costs more than it.
        IEnumerable<Document> Applied()
        {
            var batches = OrderedParallel.Select(Paired().Chunk(ApplyBatch),
                batch => Array.ConvertAll(batch, p => (Document: Apply(p.Document, p.Verdict), Judged: p.Verdict is not null)), Environment.ProcessorCount);
            foreach (var (applied, judged) in batches.SelectMany(b => b))
            {
                if (judged)
                {
                    context.Count(applied.Disposition.ToName());
                    if (applied.IsKept) context.Count("docs_out");
                }
                yield return applied;
            }
        }
        var tables = new Corpus.Parquet.Release.ReleaseWriter(recipe, context.Plan.Out, context.Plan.ToolVersion).Tables;
        var documents = Path.Combine(temp, "documents.jsonl");
        using (var sizes = new RowSizes.Writer(RowSizes.FileBeside(documents), tables))
            DocumentParts.Write(documents, sizes.Observe(Applied()), context.Checkpoint);
        StageFiles.Publish(temp, target);
    }

    /// <summary>Id range i of every process task, merged: the dedup slice i.</summary>
    private sealed class RangeSource(TaskContext context, int tasks, string readCounter) : IDedupSource
    {
        private readonly WorkFolder _work = context.Work;
        private long[]? _offsets;
        private long[]? _kept;

        /// <summary>How many kept documents range <paramref name="range"/> holds.</summary>
        public long Kept(int range)
        {
            Offsets();
            return _kept![range];
        }

        public IEnumerable<Document> Documents(int range) =>
            DocumentParts.Merge(Enumerable.Range(0, tasks).Select(t => ProcessStep.RangeFile(ProcessStep.Folder(_work, t), range)));

        /// <summary>Every document of the range in build order, with its dedup index when it is kept (-1 when not).</summary>
        public IEnumerable<(Document Document, long Index)> Indexed(int range)
        {
            var index = Offsets()[range];
            foreach (var d in Documents(range))
            {
                if (!d.IsKept) { yield return (d, -1); continue; }
                context.Count("documents");
                yield return (d, index++);
                context.Checkpoint();
            }
        }

        public IEnumerable<DedupInput> Slice(int task, int count)
        {
            var index = Offsets()[task];
            foreach (var d in Documents(task))
            {
                if (!d.IsKept) continue;
                context.Count(readCounter);
                yield return DedupStage.InputOf(d, index++);
                context.Checkpoint();
            }
        }

        /// <summary>How many kept documents sort before each range: the global index of its first one.</summary>
        private long[] Offsets()
        {
            if (_offsets is not null) return _offsets;
            var kept = new long[tasks];
            for (var t = 0; t < tasks; t++)
            {
                var counts = ProcessCounts.Read(ProcessStep.Folder(_work, t));
                for (var r = 0; r < tasks; r++) kept[r] += counts.KeptPerRange[r];
            }
            var offsets = new long[tasks];
            for (var r = 1; r < tasks; r++) offsets[r] = offsets[r - 1] + kept[r - 1];
            _kept = kept;
            return _offsets = offsets;
        }
    }
}
