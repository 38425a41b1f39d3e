using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;
using Corpus.Parquet.Writing;

namespace Corpus.Pipeline.Steps;

/// <summary>
/// Step <c>write</c>, task i of N: the Parquet shards of every table that start in filtered range i, under their final
/// names (<c>data/train-00004-of-00012.parquet</c>). Where the cuts fall comes from every range's row sizes
/// (<see cref="ShardCuts"/>), so the shards are the ones one process writes, byte for byte; a shard that starts in
/// range i and runs on into range i+1 is task i's, which reads on into the next range's documents to finish it.
/// The shards and their list (<c>shards.json</c>) appear in <c>write/task-i/</c> whole or not at all; step
/// <c>publish</c> gathers them into the release.
/// </summary>
public static class WriteStep
{
    public static string Folder(WorkFolder work, int task) => Path.Combine(work.StageDirectory(BuildPlan.Write), $"task-{task:D3}");

    public static string ShardList(string taskFolder) => Path.Combine(taskFolder, "shards.json");

    public static async Task RunAsync(TaskContext context, Recipe recipe, CancellationToken ct)
    {
        var (work, range, ranges) = (context.Work, context.Task, context.Plan.Tasks);
        var writer = new ReleaseWriter(recipe, context.Plan.Out, context.Plan.ToolVersion);
        var options = writer.Options;
        var sizes = Enumerable.Range(0, ranges).Select(r => RowSizes.Read(RowSizes.FileBeside(DedupSteps.FilteredFile(work, r)))).ToList();
        var (keptCuts, notKeptCuts) = ShardCuts.Replay(sizes, options);

        var target = Folder(work, range);
        var temp = StageFiles.FreshTemp(target);
        var local = Path.Combine(temp, "writing");
        var shards = new List<ShardFile>();
        foreach (var table in writer.Tables)
        {
            var cuts = table.Kept ? keptCuts : notKeptCuts;
            var (first, count) = cuts.Owned(range);
            if (count == 0) continue;
            var from = cuts.StartOf(first) - cuts.RangeStart(range);
            var rows = cuts.EndOf(first + count - 1) - cuts.StartOf(first);
            var documents = Enumerable.Range(range, ranges - range)
                .SelectMany(r => DocumentParts.Read(DedupSteps.FilteredFile(work, r)))
                .Where(d => d.IsKept == table.Kept);
            var files = await ParquetTableWriter.WriteAsync(table.Schema, Slice(documents, from, rows, context), local, table.Folder, table.Prefix, options, ct);
            if (files.Count != count)
                throw new InvalidOperationException($"write task {range} cut {files.Count} {table.Folder} shard(s) where the row sizes give {count}: the writer's cut rule and ShardCuts disagree.");
            for (var k = 0; k < files.Count; k++)
            {
                var name = $"{table.Folder}/{table.Prefix}-{first + k:00000}-of-{cuts.Shards:00000}.parquet";
                Directory.CreateDirectory(Path.Combine(temp, table.Folder));
                File.Move(Path.Combine(local, files[k].Path), Path.Combine(temp, name));
                shards.Add(files[k] with { Path = name });
                context.Count("bytes_out", files[k].Bytes);
                context.Count(table.Kept ? "rows_kept" : "rows_set_aside", files[k].Rows);
            }
        }
        if (Directory.Exists(local)) Directory.Delete(local, recursive: true);
        await File.WriteAllTextAsync(ShardList(temp), JsonSerializer.Serialize(shards, ReleaseManifest.Json), ct);
        StageFiles.Publish(temp, target);
        context.Count("shards", shards.Count);
        await context.Log.WriteLineAsync($"wrote {shards.Count} shard(s): {string.Join(", ", shards.Select(s => s.Path))}");
    }

    /// <summary>The shards this task wrote (paths relative to the release), with the full path of each file.</summary>
    public static IReadOnlyList<(string Source, ShardFile File)> Written(WorkFolder work, int task)
    {
        var folder = Folder(work, task);
        var list = JsonSerializer.Deserialize<List<ShardFile>>(File.ReadAllText(ShardList(folder)), ReleaseManifest.Json)
            ?? throw new InvalidDataException($"{ShardList(folder)} is empty");
        return [.. list.Select(f => (Path.Combine(folder, f.Path), f))];
    }

    /// <summary>Rows <paramref name="from"/> … <paramref name="from"/> + <paramref name="count"/> of the stream, read no further.</summary>
    private static IEnumerable<Document> Slice(IEnumerable<Document> documents, long from, long count, TaskContext context)
    {
        if (count == 0) yield break;
        long position = 0;
        foreach (var d in documents)
        {
            if (position++ < from) continue;
            context.Count("docs_in");
            yield return d;
            context.Checkpoint();
            if (position - from == count) yield break;
        }
        throw new InvalidOperationException($"the filtered ranges end before row {from + count} of the table: were they changed after their sizes were written?");
    }
}
