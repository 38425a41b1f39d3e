using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Crawling.Warc;

namespace Corpus.Pipeline.Steps;

/// <summary>What a process task leaves beside its documents: for the accounting and for the dedup tasks' global indices.</summary>
public sealed record ProcessCounts(long Input, IReadOnlyList<long> KeptPerRange, IReadOnlyList<string> Archives)
{
    public static string PathIn(string taskFolder) => Path.Combine(taskFolder, "counts.json");

    public static ProcessCounts Read(string taskFolder) =>
        JsonSerializer.Deserialize<ProcessCounts>(File.ReadAllText(PathIn(taskFolder)), WorkPlan.Json)
        ?? throw new InvalidDataException($"{PathIn(taskFolder)} is empty");
}

/// <summary>
/// Step <c>process</c>, task i of N: the per-document half of the build (extract, clean, annotate, quality rules) over
/// this task's WARC files, on every core in page order; documents go into N id-range files, each in build order, sorted
/// from runs spilled to disk so memory stays flat however many pages the task reads.
/// </summary>
public static class ProcessStep
{
    /// <summary>Bytes of serialised documents held before the buffer is sorted and spilled as one run per range.</summary>
    public const long SpillBytes = 32L * 1024 * 1024;

    public static string Folder(WorkFolder work, int task) => Path.Combine(work.StageDirectory(BuildPlan.Process), $"task-{task:D3}");
    public static string RangeFile(string taskFolder, int range) => Path.Combine(taskFolder, $"range-{range:D3}.jsonl");

    /// <summary>
    /// This task's input: every N-th file, starting at i, of all the build's WARC files (the recipe's, then each crawl
    /// task's) — by file, not by host, so one big site still spreads over every task once its crawl has cut several files.
    /// </summary>
    public static IReadOnlyList<string> InputFiles(WorkFolder work, Recipe recipe, int task, int tasks)
    {
        var files = new List<string>();
        if (recipe.Sources.Warc.Count > 0) files.AddRange(WarcPageSource.Expand(recipe.Sources.Warc, recipe.ResolvePath));
        if (BuildPlan.HasWebSources(recipe))
        {
            for (var t = 0; t < tasks; t++) files.AddRange(CrawlStep.WarcFiles(work, t));
        }
        return files.Select(Path.GetFullPath).Where((_, i) => i % tasks == task).ToList();
    }

    public static async Task RunAsync(TaskContext context, Recipe recipe, CancellationToken ct)
    {
        var (work, task, tasks) = (context.Work, context.Task, context.Tasks);
        var folder = Folder(work, task);
        var temp = StageFiles.FreshTemp(folder);
        var files = InputFiles(work, recipe, task, tasks);
        if (task == 0 && BuildPlan.HasWebSources(recipe))
        {
            var left = CrawlStep.LeftAfterLastRound(work, context.Plan);
            context.Count("crawl_urls_left", left);
            if (left > 0) await context.Log.WriteLineAsync($"the crawl's last round handed over {left} URL(s) no round fetched: plan more --rounds to follow them");
        }
        await context.Log.WriteLineAsync($"reading {files.Count} WARC file(s)");

        var source = new WarcPageSource(files, (long)(recipe.Crawl.MaxDecodedMb * 1024 * 1024));
        var pipeline = DocumentSteps.Create(recipe);
        var runs = new RangeRuns(temp, tasks, SpillBytes);
        long input = 0;
        // Each worker thread also turns its document into its part-file line (UTF-8 JSON), so the one consumer only
        // counts and buffers bytes: the serialisation runs on every core, and the buffer holds compact lines, not objects.
        var processed = OrderedParallel.SelectAsync(source.ReadAsync(ct), page => PartLine.Of(pipeline.Process(page), tasks), Environment.ProcessorCount, ct);
        await foreach (var line in processed)
        {
            input++;
            runs.Add(line);
            context.Count("docs_in");
            context.Count("bytes_in", line.TextLength);
            context.Count(line.Disposition.ToName());
            if (line.Disposition == Disposition.Excluded) context.Count($"rule:{line.ExclusionRule}");
            context.Checkpoint();
        }
        var kept = runs.Finish(r => RangeFile(temp, r), context.Checkpoint);
        context.Count("docs_out", input);
        foreach (var (step, documents, time) in pipeline.Timings)
        {
            context.Count($"step_ms:{step}", (long)time.TotalMilliseconds);
            context.Count($"step_docs:{step}", documents);
        }
        var counts = new ProcessCounts(input, kept, files);
        await File.WriteAllTextAsync(ProcessCounts.PathIn(temp), JsonSerializer.Serialize(counts, WorkPlan.Json), ct);
        context.Count("input", input);
        StageFiles.Publish(temp, folder);
    }
}
