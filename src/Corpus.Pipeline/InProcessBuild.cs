using System.Globalization;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;

namespace Corpus.Pipeline;

/// <summary>What a finished in-process build leaves: its release, accounting and per-step stats.</summary>
public sealed record InProcessResult(WorkFolder Work, string Release, BuildReport Report, ReleaseManifest Manifest, IReadOnlyList<StepStats> Steps);

/// <summary>
/// The executor for one machine and one process: the <see cref="BuildPlan"/> with N = 1, every step run here under the
/// same task rules (markers, logs, stats) as a scaled-out build, in a work folder under
/// <c>&lt;crawl.work_dir&gt;/builds/</c>. The per-document steps use every core inside their task. When the release is
/// published, the intermediate part files are deleted; the crawl's WARC files, the logs and <c>stats/</c> stay.
/// </summary>
public sealed class InProcessBuild(Recipe recipe, string recipePath, string outDir, string toolVersion)
{
    /// <summary>Called as each step starts (its context counts the step's progress).</summary>
    public Action<PlannedStage, TaskContext>? StepStarted { get; init; }

    /// <summary>Publish a release even when the sources gave no document (<c>--allow-empty</c>).</summary>
    public bool AllowEmpty { get; init; }

    public WorkFolder Work { get; } = new(Path.Combine(recipe.ResolvePath(recipe.Crawl.WorkDir), "builds",
        $"{recipe.Version}-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}"));

    public async Task<InProcessResult> RunAsync(CancellationToken ct)
    {
        var plan = new WorkPlan
        {
            Dataset = recipe.Name, Version = recipe.Version, Recipe = Path.GetFullPath(recipePath), RecipeSha256 = recipe.Sha256,
            Tasks = 1, Out = outDir, ToolVersion = toolVersion, AllowEmpty = AllowEmpty, Stages = BuildPlan.Stages(recipe, tasks: 1, rounds: 1),
        };
        Directory.CreateDirectory(Work.Root);
        await File.WriteAllTextAsync(Work.PlanPath, plan.ToJson(), ct);
        foreach (var stage in plan.Stages)
        {
            var runner = new TaskRunner(Work) { Started = context => StepStarted?.Invoke(stage, context) };
            await runner.RunAsync(stage.Name, new TaskIdentity(0, 1), TextWriter.Null, (context, token) => BuildPlan.RunAsync(context, recipe, token), ct);
        }
        var release = Path.Combine(outDir, recipe.Version);
        var manifest = ReleaseVerifier.ReadManifest(release);
        var steps = plan.Stages.Select(s => StepStats.Read(Work, s.Name)).OfType<StepStats>().ToList();
        foreach (var stage in plan.Stages.Where(s => !s.Name.StartsWith(BuildPlan.CrawlPrefix, StringComparison.Ordinal)))
            if (Directory.Exists(Work.StageDirectory(stage.Name))) Directory.Delete(Work.StageDirectory(stage.Name), recursive: true);
        if (Directory.Exists(Path.Combine(Work.Root, "dedup"))) Directory.Delete(Path.Combine(Work.Root, "dedup"), recursive: true);
        return new InProcessResult(Work, release, manifest.Build, manifest, steps);
    }
}
