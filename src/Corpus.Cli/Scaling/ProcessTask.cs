using System.Text.Json;
using Corpus.Cli.Composition;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Crawling.Warc;

namespace Corpus.Cli.Scaling;

/// <summary>What a process task leaves beside its documents: for the accounting and for the dedup tasks' global indices.</summary>
public sealed record ProcessCounts(long Input, IReadOnlyList<long> KeptPerRange, IReadOnlyList<string> Archives)
{
    public static string PathIn(string taskFolder) => Path.Combine(taskFolder, "counts.json");

    public static ProcessCounts Read(string taskFolder) =>
        JsonSerializer.Deserialize<ProcessCounts>(File.ReadAllText(PathIn(taskFolder)), WorkPlan.Json)
        ?? throw new InvalidDataException($"{PathIn(taskFolder)} is empty");
}

/// <summary>
/// Stage <c>process</c>, task i of N: the per-document half of the build (extract, clean, annotate, quality rules) over
/// this task's WARC files; documents go into N id-range files, each in build order.
/// </summary>
public static class ProcessTask
{
    public static string Folder(WorkFolder work, int task) => Path.Combine(work.StageDirectory(BuildStages.Process), $"task-{task:D3}");
    public static string RangeFile(string taskFolder, int range) => Path.Combine(taskFolder, $"range-{range:D3}.jsonl");

    /// <summary>
    /// This task's input: every N-th file, starting at i, of all the build's WARC files (the recipe's, then each crawl
    /// task's) — by file, not by host, so one big site still spreads over every task once its crawl has cut several files.
    /// </summary>
    public static IReadOnlyList<string> InputFiles(WorkFolder work, Recipe recipe, int task, int tasks)
    {
        var files = new List<string>();
        if (recipe.Sources.Warc.Count > 0) files.AddRange(WarcPageSource.Expand(recipe.Sources.Warc, recipe.ResolvePath));
        if (BuildStages.HasWebSources(recipe))
            for (var t = 0; t < tasks; t++) files.AddRange(CrawlTask.WarcFiles(work, t));
        return files.Select(Path.GetFullPath).Where((_, i) => i % tasks == task).ToList();
    }

    public static async Task RunAsync(TaskContext context, Recipe recipe, CancellationToken ct)
    {
        var (work, task, tasks) = (context.Work, context.Task, context.Tasks);
        var folder = Folder(work, task);
        var temp = StageFiles.FreshTemp(folder);
        var files = InputFiles(work, recipe, task, tasks);
        if (task == 0 && BuildStages.HasWebSources(recipe))
        {
            var left = CrawlTask.LeftAfterLastRound(work, context.Plan);
            context.Count("crawl_urls_left", left);
            if (left > 0) await context.Log.WriteLineAsync($"the crawl's last round handed over {left} URL(s) no round fetched: plan more --rounds to follow them");
        }
        await context.Log.WriteLineAsync($"reading {files.Count} WARC file(s)");

        var source = new WarcPageSource(files, (long)(recipe.Crawl.MaxDecodedMb * 1024 * 1024));
        var runner = BuildPipeline.Create(recipe, source);
        var ranges = Enumerable.Range(0, tasks).Select(_ => new List<Document>()).ToArray();
        long input = 0;
        await foreach (var page in source.ReadAsync(ct))
        {
            input++;
            var document = runner.Process(page);
            ranges[DocumentParts.RangeOf(document.Id, tasks)].Add(document);
            context.Count(document.Disposition.ToName());
            context.Checkpoint();
        }
        var kept = new long[tasks];
        for (var r = 0; r < tasks; r++)
        {
            ranges[r].Sort(BuildRunner.Order);
            kept[r] = ranges[r].Count(d => d.IsKept);
            DocumentParts.Write(RangeFile(temp, r), ranges[r], context.Checkpoint);
        }
        var counts = new ProcessCounts(input, kept, files);
        await File.WriteAllTextAsync(ProcessCounts.PathIn(temp), JsonSerializer.Serialize(counts, WorkPlan.Json), ct);
        context.Count("input", input);
        StageFiles.Publish(temp, folder);
    }
}
