using Corpus.Cli.Commands;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;

namespace Corpus.Cli.Scaling;

/// <summary>
/// Stage <c>write</c> (one task): the filtered ranges one after the other are every document in build order; the
/// release writer publishes them exactly as <c>corpus build</c> does.
/// </summary>
public static class WriteTask
{
    public static async Task RunAsync(TaskContext context, Recipe recipe, CancellationToken ct)
    {
        var work = context.Work;
        var tasks = context.Plan.Tasks;
        var writer = new ReleaseWriter(recipe, context.Plan.Out, CorpusApp.ToolVersion);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        long input = 0;
        var archives = new List<string>();
        for (var t = 0; t < tasks; t++)
        {
            var counts = ProcessCounts.Read(ProcessTask.Folder(work, t));
            input += counts.Input;
            archives.AddRange(counts.Archives);
        }
        var documents = Enumerable.Range(0, tasks).SelectMany(r => DocumentParts.Read(DedupTasks.FilteredFile(work, r))).ToList();
        var report = BuildReport.From(checked((int)input), documents);
        if (!report.AddsUp)
            throw new InvalidOperationException($"accounting does not add up: {input} input documents, {documents.Count} in the filtered ranges.");
        var build = new BuildResult(documents, report, archives);
        if (Directory.Exists(writer.TargetPath))
        {
            await AdoptEarlierAttemptAsync(writer.TargetPath, recipe, build, context, ct);
            return;
        }
        var manifest = await writer.WriteAsync(build, ct);
        context.Checkpoint(); // published, done marker not yet written: the window AdoptEarlierAttemptAsync covers
        await SummaryTable.WriteAsync(context.Log, report, manifest, clock.Elapsed);
        await context.Log.WriteLineAsync($"Release written to {writer.TargetPath}");
        CountReport(context, report);
    }

    private static void CountReport(TaskContext context, BuildReport report)
    {
        context.Count("input", report.Input);
        context.Count("kept", report.Kept);
        context.Count("excluded", report.Excluded);
        context.Count("duplicates", report.Duplicates);
        context.Count("failed", report.Failed);
    }

    /// <summary>
    /// A write task killed between publishing the release and writing its done marker finds its own release in place.
    /// It is taken as this task's result only when it is provably the same build — same recipe, same inputs, same
    /// accounting — and verifies against its manifest; any other release of this version is refused (immutability).
    /// </summary>
    private static async Task AdoptEarlierAttemptAsync(string target, Recipe recipe, BuildResult build, TaskContext context, CancellationToken ct)
    {
        var existing = ReleaseVerifier.ReadManifest(target);
        string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, ReleaseManifest.Json);
        var inputs = InputDigest.From(build.Documents, build.ArchiveFiles ?? [], recipe.ResolvePath);
        if (existing.RecipeSha256 != recipe.Sha256 || Json(existing.Build) != Json(build.Report) || Json(existing.Inputs) != Json(inputs))
            throw new ReleaseExistsException(target, recipe.Version);
        await ReleaseVerifier.VerifyAsync(target, ct);
        await context.Log.WriteLineAsync($"{target} is this build's release, published by an earlier attempt of this task (same recipe, inputs and counts; verified).");
        CountReport(context, build.Report);
    }
}
