using System.Globalization;
using Corpus.Core;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;

namespace Corpus.Pipeline;

/// <summary>What a finished in-process build leaves: its release, accounting and per-step stats.</summary>
public sealed record InProcessResult(WorkFolder Work, string Release, BuildReport Report, ReleaseManifest Manifest, IReadOnlyList<StepStats> Steps)
{
    /// <summary>The build went on in the work folder of an earlier, killed build of the same recipe and version.</summary>
    public bool Resumed { get; init; }

    /// <summary>Leftovers of dead builds this build removed: their work folders and the release writer's <c>.tmp-…</c> folders.</summary>
    public IReadOnlyList<string> Cleaned { get; init; } = [];
}

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

    /// <summary>The work folder, chosen when <see cref="RunAsync"/> starts: a new one, or the unfinished one it resumes.</summary>
    public WorkFolder? Work { get; private set; }

    /// <summary>Held by a build for its whole life: a folder whose lock is free belongs to a dead build.</summary>
    public static string LockPath(WorkFolder work) => Path.Combine(work.Root, "build.lock");

    public async Task<InProcessResult> RunAsync(CancellationToken ct)
    {
        var plan = new WorkPlan
        {
            Dataset = recipe.Name, Version = recipe.Version, Recipe = Path.GetFullPath(recipePath), RecipeSha256 = recipe.Sha256,
            Tasks = 1, Out = outDir, ToolVersion = toolVersion, AllowEmpty = AllowEmpty, Stages = BuildPlan.Stages(recipe, tasks: 1, rounds: 1),
        };
        var builds = Path.Combine(recipe.ResolvePath(recipe.Crawl.WorkDir), "builds");
        var (work, held, resumed, cleaned) = Claim(builds, plan);
        using var buildLock = held;
        Work = work;
        await File.WriteAllTextAsync(work.PlanPath, plan.ToJson(), ct);
        foreach (var stage in plan.Stages)
        {
            var runner = new TaskRunner(work) { Started = context => StepStarted?.Invoke(stage, context) };
            await runner.RunAsync(stage.Name, new TaskIdentity(0, 1), TextWriter.Null, async (context, token) =>
            {
                // Each step's peak resident memory and end-of-step GC heap go into its stats (one process: the peak is the step's).
                using var probe = MemoryProbe.Start(stage.Name);
                await BuildPlan.RunAsync(context, recipe, token);
                foreach (var (name, value) in probe.Finish()) context.Count(name, value);
            }, ct);
        }
        var release = Path.Combine(outDir, recipe.Version);
        var manifest = ReleaseVerifier.ReadManifest(release);
        var steps = plan.Stages.Select(s => StepStats.Read(work, s.Name)).OfType<StepStats>().ToList();
        foreach (var stage in plan.Stages.Where(s => !s.Name.StartsWith(BuildPlan.CrawlPrefix, StringComparison.Ordinal)))
            if (Directory.Exists(work.StageDirectory(stage.Name))) Directory.Delete(work.StageDirectory(stage.Name), recursive: true);
        if (Directory.Exists(Path.Combine(work.Root, "dedup"))) Directory.Delete(Path.Combine(work.Root, "dedup"), recursive: true);
        return new InProcessResult(work, release, manifest.Build, manifest, steps) { Resumed = resumed, Cleaned = cleaned };
    }

    /// <summary>
    /// Picks the work folder and takes its lock. The newest unfinished build of this version (no done marker for its
    /// publish step) whose lock is free and whose plan has this recipe's sha256 and stages is resumed: the task runner
    /// skips its done steps and its crawl goes on from its SQLite frontier. Every other unfinished folder of this
    /// version whose lock is free is a dead build's and is deleted; so are the release writer's hidden
    /// <c>.tmp-VERSION-…</c> folders in the output folder, unless another build of this version is still running.
    /// Finished builds' folders (their WARC files, logs and stats) stay.
    /// </summary>
    private (WorkFolder Work, TaskLock Lock, bool Resumed, IReadOnlyList<string> Cleaned) Claim(string builds, WorkPlan plan)
    {
        (WorkFolder Work, TaskLock Lock)? claimed = null;
        var cleaned = new List<string>();
        var anotherRunning = false;
        var folders = Directory.Exists(builds) ? Directory.GetDirectories(builds, $"{recipe.Version}-*").Order(StringComparer.Ordinal).Reverse() : [];
        foreach (var dir in folders)
        {
            var folder = new WorkFolder(dir);
            if (TryLoad(folder.PlanPath) is not { } existing || existing.Version != recipe.Version || TaskMarkers.IsDone(folder, BuildPlan.Publish, 0)) continue;
            var folderLock = TaskLock.TryAcquire(LockPath(folder));
            if (folderLock is null)
            {
                anotherRunning = true;
                continue;
            }
            if (claimed is null && existing.Dataset == recipe.Name && existing.RecipeSha256 == recipe.Sha256 && existing.Stages.SequenceEqual(plan.Stages))
            {
                claimed = (folder, folderLock);
                continue;
            }
            using (folderLock) Directory.Delete(dir, recursive: true);
            cleaned.Add(dir);
        }
        if (!anotherRunning && Directory.Exists(outDir))
            foreach (var temp in Directory.GetDirectories(outDir, $".tmp-{recipe.Version}-*"))
            {
                Directory.Delete(temp, recursive: true);
                cleaned.Add(temp);
            }
        if (claimed is { } resume) return (resume.Work, resume.Lock, true, cleaned);
        var fresh = new WorkFolder(Path.Combine(builds,
            $"{recipe.Version}-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}"));
        Directory.CreateDirectory(fresh.Root);
        return (fresh, TaskLock.TryAcquire(LockPath(fresh)) ?? throw new InvalidOperationException($"{LockPath(fresh)} is locked in a folder just made"), false, cleaned);
    }

    private static WorkPlan? TryLoad(string path)
    {
        try
        {
            return File.Exists(path) ? WorkPlan.Load(path) : null;
        }
        catch (Exception e) when (e is CorpusUserException or IOException)
        {
            return null; // not a build's plan (or unreadable): not ours to resume or remove
        }
    }
}
