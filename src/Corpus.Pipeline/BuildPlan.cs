using Corpus.Core;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Pipeline.Steps;

namespace Corpus.Pipeline;

/// <summary>How many tasks a step runs as: any N (each takes slice i), or one (it needs the global view).</summary>
public enum StepKind
{
    PerTask,
    Global,
}

/// <summary>One step of the build: its name, how it scales, what it reads and writes in the work folder, and its body.</summary>
public sealed record PlanStep(string Name, StepKind Kind, string Reads, string Writes, Func<StepRun, CancellationToken, Task> RunAsync)
{
    public int TasksFor(int tasks) => Kind == StepKind.Global ? 1 : tasks;
}

/// <summary>What a step's body gets: its task (slice, work folder, log, counters) and the recipe.</summary>
public sealed record StepRun(TaskContext Context, Recipe Recipe);

/// <summary>
/// The build, written once as data: the ordered steps every executor runs — in this process with N = 1
/// (<c>corpus build</c>), as local worker processes (<c>corpus run</c>), as Slurm arrays or Kubernetes Indexed Jobs
/// (<c>corpus task</c>). Steps hand each other files in the work folder, so any step can run on any machine.
/// <list type="number">
/// <item><c>crawl-R</c> (N per round, only for web sources): task i crawls the hosts it owns; links to other tasks' hosts are handed over to the next round.</item>
/// <item><c>process</c> (N): task i extracts, cleans and annotates every N-th WARC file on all cores and cuts its documents into N id ranges, each sorted from runs spilled to disk.</item>
/// <item><c>dedup-lines</c> … <c>dedup-buckets</c> (N): task i takes id range i from every process task: line counts, repeated lines, MinHash signatures, LSH buckets.</item>
/// <item><c>dedup-clusters</c> (1): the global union-find over every range's edges — the serial part.</item>
/// <item><c>dedup-filter</c> (N): range i with its verdicts applied, every document (kept or not) in build order.</item>
/// <item><c>write</c> (N): task i writes the Parquet shards that start in range i (the ranges one after the other are the build's rows in order), cut where one process would cut them.</item>
/// <item><c>publish</c> (1): accounting, input digest and counts in one streamed pass; the shards with manifest, changelog and card, published atomically.</item>
/// </list>
/// </summary>
public static class BuildPlan
{
    public const string CrawlPrefix = "crawl-";
    public const string Process = "process";
    public const string DedupLines = "dedup-lines";
    public const string DedupRepeated = "dedup-repeated";
    public const string DedupSignatures = "dedup-signatures";
    public const string DedupBuckets = "dedup-buckets";
    public const string DedupClusters = "dedup-clusters";
    public const string DedupFilter = "dedup-filter";
    public const string Write = "write";
    public const string Publish = "publish";

    public static bool HasWebSources(Recipe recipe) =>
        recipe.Sources.Seeds.Count + recipe.Sources.Sitemaps.Count + recipe.Sources.Feeds.Count > 0;

    /// <summary>The steps in order. One task owns every host, so a one-task crawl needs one round.</summary>
    public static IReadOnlyList<PlanStep> Steps(Recipe recipe, int rounds)
    {
        var steps = new List<PlanStep>();
        if (HasWebSources(recipe))
            for (var r = 0; r < rounds; r++)
            {
                var round = r;
                steps.Add(new PlanStep($"{CrawlPrefix}{r}", StepKind.PerTask, round == 0 ? "recipe sources" : "crawl handover", "crawl/task-i (frontier, WARC)",
                    (run, ct) => CrawlStep.RunAsync(run.Context, run.Recipe, round, ct)));
            }
        steps.Add(new(Process, StepKind.PerTask, "WARC files", "process/task-i/range-r.jsonl", (run, ct) => ProcessStep.RunAsync(run.Context, run.Recipe, ct)));
        steps.Add(new(DedupLines, StepKind.PerTask, "range i", "dedup/lines", DedupSteps.RunAsync));
        steps.Add(new(DedupRepeated, StepKind.PerTask, "dedup/lines", "dedup/repeated", DedupSteps.RunAsync));
        steps.Add(new(DedupSignatures, StepKind.PerTask, "range i, dedup/repeated", "dedup/meta, dedup/buckets", DedupSteps.RunAsync));
        steps.Add(new(DedupBuckets, StepKind.PerTask, "dedup/buckets", "dedup/edges", DedupSteps.RunAsync));
        steps.Add(new(DedupClusters, StepKind.Global, "dedup/meta, dedup/edges", "dedup/clusters", DedupSteps.RunAsync));
        steps.Add(new(DedupFilter, StepKind.PerTask, "range i, dedup/clusters", "dedup-filter/task-i/documents.jsonl", DedupSteps.RunAsync));
        steps.Add(new(Write, StepKind.PerTask, "dedup-filter (row sizes of every range; range i on)", "write/task-i/shards", (run, ct) => WriteStep.RunAsync(run.Context, run.Recipe, ct)));
        steps.Add(new(Publish, StepKind.Global, "dedup-filter, write", "the release", (run, ct) => PublishStep.RunAsync(run.Context, run.Recipe, ct)));
        return steps;
    }

    public static IReadOnlyList<PlannedStage> Stages(Recipe recipe, int tasks, int rounds) =>
        Steps(recipe, rounds).Select(s => new PlannedStage(s.Name, s.TasksFor(tasks))).ToList();

    /// <summary>Runs one task of one step with the recipe the plan was made from (read again from its path, and checked).</summary>
    public static Task RunAsync(TaskContext context, CancellationToken ct)
    {
        var recipe = RecipeLoader.Load(context.Plan.Recipe);
        if (recipe.Sha256 != context.Plan.RecipeSha256)
            throw new CorpusUserException($"{context.Plan.Recipe} changed since the plan was made: the finished tasks used the old one. Plan a new --work folder.");
        return RunAsync(context, recipe, ct);
    }

    /// <summary>Runs one task of one step with <paramref name="recipe"/> (the in-process build passes the recipe it holds).</summary>
    public static Task RunAsync(TaskContext context, Recipe recipe, CancellationToken ct)
    {
        var rounds = context.Plan.Stages.Count(s => s.Name.StartsWith(CrawlPrefix, StringComparison.Ordinal));
        var step = Steps(recipe, Math.Max(1, rounds)).FirstOrDefault(s => s.Name == context.Stage)
            ?? throw new CorpusUserException($"'{context.Stage}' is not a step of the build.");
        return step.RunAsync(new StepRun(context, recipe), ct);
    }
}
