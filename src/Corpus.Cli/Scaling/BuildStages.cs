using Corpus.Core;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Scaling;

/// <summary>
/// The build as stages of N tasks that hand each other files in the work folder — the one table of a scaled-out
/// build, read top to bottom:
/// <list type="number">
/// <item><c>crawl-R</c> (N tasks per round, only for web sources): task i crawls the hosts it owns; links to other tasks' hosts are handed over to the next round.</item>
/// <item><c>process</c> (N): task i extracts, cleans and annotates the pages of crawl task i's WARC files and of every N-th <c>sources.warc</c> file, and cuts its documents into N id ranges.</item>
/// <item><c>dedup-lines</c> … <c>dedup-buckets</c> (N): task i takes id range i from every process task; the dedup stages of <c>corpus dedup</c>.</item>
/// <item><c>dedup-clusters</c> (1): the global union-find over every range's edges — the serial part.</item>
/// <item><c>dedup-filter</c> (N): range i with its verdicts applied, every document (kept or not) in build order.</item>
/// <item><c>write</c> (1): the ranges one after the other are the build's rows in order; shards, manifest and card, published atomically.</item>
/// </list>
/// </summary>
public static class BuildStages
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

    public static bool HasWebSources(Recipe recipe) =>
        recipe.Sources.Seeds.Count + recipe.Sources.Sitemaps.Count + recipe.Sources.Feeds.Count > 0;

    public static IReadOnlyList<PlannedStage> For(Recipe recipe, int tasks, int rounds)
    {
        var stages = new List<PlannedStage>();
        if (HasWebSources(recipe))
            for (var r = 0; r < rounds; r++) stages.Add(new PlannedStage($"{CrawlPrefix}{r}", tasks));
        stages.Add(new PlannedStage(Process, tasks));
        foreach (var name in new[] { DedupLines, DedupRepeated, DedupSignatures, DedupBuckets }) stages.Add(new PlannedStage(name, tasks));
        stages.Add(new PlannedStage(DedupClusters, 1));
        stages.Add(new PlannedStage(DedupFilter, tasks));
        stages.Add(new PlannedStage(Write, 1));
        return stages;
    }

    /// <summary>Runs one task of one stage; the recipe must be the one the plan was made from.</summary>
    public static Task RunAsync(TaskContext context, CancellationToken ct)
    {
        var recipe = RecipeLoader.Load(context.Plan.Recipe);
        if (recipe.Sha256 != context.Plan.RecipeSha256)
            throw new CorpusUserException($"{context.Plan.Recipe} changed since the plan was made: the finished tasks used the old one. Plan a new --work folder.");
        var stage = context.Stage;
        if (stage.StartsWith(CrawlPrefix, StringComparison.Ordinal))
            return CrawlTask.RunAsync(context, recipe, int.Parse(stage[CrawlPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture), ct);
        switch (stage)
        {
            case Process: return ProcessTask.RunAsync(context, recipe, ct);
            case Write: return WriteTask.RunAsync(context, recipe, ct);
            default:
                DedupTasks.Run(context, recipe, stage);
                return Task.CompletedTask;
        }
    }
}
