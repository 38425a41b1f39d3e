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
    /// <summary>Text characters held before the buffered documents are sorted and spilled as one run per range.</summary>
    public const long SpillChars = 16L * 1024 * 1024;

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
        var runs = new RangeRuns(temp, tasks);
        long input = 0;
        await foreach (var document in pipeline.ProcessAsync(source.ReadAsync(ct), Environment.ProcessorCount, ct))
        {
            input++;
            runs.Add(document);
            context.Count("docs_in");
            context.Count("bytes_in", document.Text.Length);
            context.Count(document.Disposition.ToName());
            if (document.Disposition == Disposition.Excluded) context.Count($"rule:{document.ExclusionRule}");
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

    /// <summary>
    /// Documents cut into id ranges and sorted without holding them all: a bounded buffer, sorted and written as one run
    /// per range whenever it fills, and at the end each range's runs merged into its file in build order.
    /// </summary>
    private sealed class RangeRuns(string folder, int ranges)
    {
        private readonly List<Document>[] _buffers = Enumerable.Range(0, ranges).Select(_ => new List<Document>()).ToArray();
        private readonly List<string>[] _runs = Enumerable.Range(0, ranges).Select(_ => new List<string>()).ToArray();
        private long _chars;

        public void Add(Document d)
        {
            _buffers[DocumentParts.RangeOf(d.Id, ranges)].Add(d);
            _chars += d.Text.Length + 1024;
            if (_chars >= SpillChars) Spill();
        }

        private void Spill()
        {
            for (var r = 0; r < ranges; r++)
            {
                if (_buffers[r].Count == 0) continue;
                _buffers[r].Sort(BuildOrder.Comparer);
                var path = Path.Combine(folder, "runs", $"range-{r:D3}-run-{_runs[r].Count:D5}.jsonl");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                DocumentParts.Write(path, _buffers[r]);
                _runs[r].Add(path);
                _buffers[r].Clear();
            }
            _chars = 0;
        }

        /// <summary>Writes every range's file; returns the kept documents per range.</summary>
        public long[] Finish(Func<int, string> rangeFile, Action afterEach)
        {
            var kept = new long[ranges];
            IEnumerable<Document> Counted(int r, IEnumerable<Document> documents)
            {
                foreach (var d in documents)
                {
                    if (d.IsKept) kept[r]++;
                    yield return d;
                }
            }
            for (var r = 0; r < ranges; r++)
            {
                if (_runs[r].Count == 0)
                {
                    _buffers[r].Sort(BuildOrder.Comparer);
                    DocumentParts.Write(rangeFile(r), Counted(r, _buffers[r]), afterEach);
                }
                else
                {
                    if (_buffers[r].Count > 0) SpillRange(r);
                    DocumentParts.Write(rangeFile(r), Counted(r, DocumentParts.Merge(_runs[r])), afterEach);
                    foreach (var run in _runs[r]) File.Delete(run);
                }
                _buffers[r].Clear();
            }
            if (Directory.Exists(Path.Combine(folder, "runs"))) Directory.Delete(Path.Combine(folder, "runs"));
            return kept;
        }

        private void SpillRange(int r)
        {
            _buffers[r].Sort(BuildOrder.Comparer);
            var path = Path.Combine(folder, "runs", $"range-{r:D3}-run-{_runs[r].Count:D5}.jsonl");
            DocumentParts.Write(path, _buffers[r]);
            _runs[r].Add(path);
        }
    }
}
