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
        if (Directory.Exists(writer.TargetPath)) throw new ReleaseExistsException(writer.TargetPath, recipe.Version);

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
        var manifest = await writer.WriteAsync(new BuildResult(documents, report, archives), ct);
        await SummaryTable.WriteAsync(context.Log, report, manifest, clock.Elapsed);
        await context.Log.WriteLineAsync($"Release written to {writer.TargetPath}");
        context.Count("input", report.Input);
        context.Count("kept", report.Kept);
        context.Count("excluded", report.Excluded);
        context.Count("duplicates", report.Duplicates);
        context.Count("failed", report.Failed);
    }
}
