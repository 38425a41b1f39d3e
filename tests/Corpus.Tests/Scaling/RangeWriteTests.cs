using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;
using Corpus.Pipeline;
using Corpus.Pipeline.Steps;
using Corpus.Reporting;
using Corpus.Tests.Parquet;
using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

/// <summary>
/// The write step as N tasks, each writing the shards that start in its id range, then publish: with 2 MB shards and
/// 1 MB row groups a few MB of rows give several shards per table whose cuts fall inside ranges, so a shard that
/// starts in one range and ends in the next is really exercised. The release must be byte-identical to the one the
/// one-shot release writer makes of the same documents, for every task count.
/// </summary>
public sealed class RangeWriteTests
{
    private static readonly Corpus.Core.Recipes.Recipe Recipe = SyntheticRelease.Recipe();

    /// <summary>900 documents of ~8 KB text, every third set aside by a quality rule, in build order.</summary>
    private static List<Document> Documents()
    {
        var words = new[] { "pemilu", "ekonomi", "daerah", "harga", "beras", "naik", "gubernur", "rapat", "warga", "pasar", "banjir", "jalan" };
        return Enumerable.Range(0, 900)
            .Select(i =>
            {
                var text = string.Join(' ', Enumerable.Range(0, 1100 + i % 200).Select(w => words[(i * 7 + w * w) % words.Length]));
                var d = SyntheticRelease.Article(i, text);
                return i % 3 == 0 ? d.Exclude("quality.min_words", "12") : d;
            })
            .OrderBy(d => d, BuildOrder.Comparer)
            .ToList();
    }

    [Fact]
    public async Task N_write_tasks_and_publish_give_the_one_shot_release_byte_for_byte_with_shards_spanning_ranges()
    {
        using var dir = new TempDir();
        var documents = Documents();
        var expected = await OneShotAsync(dir.File("one-shot"), documents);
        var dataShards = Directory.GetFiles(Path.Combine(expected, "data"), "*.parquet");
        Assert.True(dataShards.Length >= 3, $"only {dataShards.Length} data shard(s): the test needs cuts inside ranges");
        Assert.True(Directory.GetFiles(Path.Combine(expected, "excluded"), "*.parquet").Length >= 2);

        foreach (var tasks in new[] { 1, 3, 4 })
        {
            var work = new WorkFolder(dir.File($"work-{tasks}"));
            var release = await BuildAsync(work, dir.File($"out-{tasks}"), documents, tasks);
            ReleaseFiles.AssertIdentical(expected, release);
            if (tasks == 4)
            {
                // The shards really were written by several tasks, and at least one task finished a shard it started in the next range's rows.
                var byTask = Enumerable.Range(0, tasks).Select(t => WriteStep.Written(work, t).Count).ToList();
                Assert.True(byTask.Count(n => n > 0) >= 2, string.Join(", ", byTask));
            }
        }
    }

    [Fact]
    public async Task An_empty_table_is_one_empty_shard_written_by_the_first_task()
    {
        using var dir = new TempDir();
        var documents = Documents().Where(d => d.IsKept).Take(40).ToList();
        var expected = await OneShotAsync(dir.File("one-shot"), documents);
        var work = new WorkFolder(dir.File("work"));
        var release = await BuildAsync(work, dir.File("out"), documents, 3);
        ReleaseFiles.AssertIdentical(expected, release);
        Assert.Contains(WriteStep.Written(work, 0), s => s.File.Path == "excluded/excluded-00000-of-00001.parquet" && s.File.Rows == 0);
    }

    /// <summary>The one-shot release writer over the same documents, with the promo summary and report a build publishes.</summary>
    private static async Task<string> OneShotAsync(string releasesRoot, IReadOnlyList<Document> documents)
    {
        var promos = new PromoSummary.Tally();
        foreach (var d in documents) promos.Add(d);
        var writer = PublishStep.Writer(Recipe, releasesRoot, "0.1.0", promos);
        await writer.WriteAsync(SyntheticRelease.Build(documents));
        return writer.TargetPath;
    }

    /// <summary>What the process and dedup-filter tasks leave (range files in build order with their row sizes, counts), then write × N and publish.</summary>
    private static async Task<string> BuildAsync(WorkFolder work, string outDir, IReadOnlyList<Document> documents, int tasks)
    {
        var plan = new WorkPlan
        {
            Dataset = Recipe.Name, Version = Recipe.Version, Recipe = "corpus.yaml", RecipeSha256 = Recipe.Sha256, Tasks = tasks,
            Out = outDir, ToolVersion = "0.1.0", Stages = BuildPlan.Stages(Recipe, tasks, rounds: 1),
        };
        var tables = new ReleaseWriter(Recipe, outDir, "0.1.0").Tables;
        for (var t = 0; t < tasks; t++)
        {
            var range = documents.Where(d => DocumentParts.RangeOf(d.Id, tasks) == t).ToList();
            var file = DedupSteps.FilteredFile(work, t);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (var sizes = new RowSizes.Writer(RowSizes.FileBeside(file), tables))
                DocumentParts.Write(file, sizes.Observe(range));
            var process = ProcessStep.Folder(work, t);
            Directory.CreateDirectory(process);
            var counts = new ProcessCounts(t == 0 ? documents.Count : 0, new long[tasks], []);
            await File.WriteAllTextAsync(ProcessCounts.PathIn(process), System.Text.Json.JsonSerializer.Serialize(counts, WorkPlan.Json));
        }
        for (var t = 0; t < tasks; t++)
            await WriteStep.RunAsync(new TaskContext(work, plan, BuildPlan.Write, t, tasks, TextWriter.Null), Recipe, CancellationToken.None);
        await PublishStep.RunAsync(new TaskContext(work, plan, BuildPlan.Publish, 0, 1, TextWriter.Null), Recipe, CancellationToken.None);
        return Path.Combine(outDir, Recipe.Version);
    }
}
