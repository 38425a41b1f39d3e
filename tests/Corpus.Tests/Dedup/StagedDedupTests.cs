using Corpus.Dedup;
using Corpus.Tests.Support;

namespace Corpus.Tests.Dedup;

/// <summary>
/// The stages exchange only files, so they can run as separate processes (a Slurm array, Kubernetes indexed jobs).
/// Whatever the split, the result is the same as one process.
/// </summary>
public sealed class StagedDedupTests
{
    private static string EvalDocuments => Path.Combine(EvalSet.NearDupSetTests.Folder, EvalSet.NearDupSetGenerator.DocumentsFile);

    [Fact]
    public async Task Three_separate_tasks_per_stage_give_the_same_output_as_one_process()
    {
        using var dir = new TempDir();
        // The evaluation set spread over 7 hosts: each story's 11 consecutive copies put at most 2 on one host, while the
        // sample's closing line repeats in dozens of documents of every host.
        var input = dir.File("in.jsonl");
        JsonlCorpus.Write(input, JsonlCorpus.Read(EvalDocuments).Select((o, i) =>
            JsonlCorpus.Doc((string)o["id"]!, (string)o["text"]!, url: $"http://site{i % 7}.test/{i}.html")));

        var single = await CliRunner.RunAsync("dedup", "--in", input, "--out", dir.File("one.jsonl"), "--tasks", "1");
        Assert.True(single.ExitCode == 0, single.Error);

        // Each call below is what one scheduled task would run: its stage, its index, the shared work folder.
        var work = Path.Combine(dir.Path, "work");
        foreach (var stage in new[] { "lines", "repeated-lines", "signatures", "buckets" })
            for (var task = 2; task >= 0; task--) // any order within a stage
                await Stage(stage, task.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Stage("clusters", null);
        for (var task = 0; task < 3; task++) await Stage("filter", task.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Stage("merge", null, "--out", dir.File("three.jsonl"));

        var one = File.ReadAllText(dir.File("one.jsonl"));
        Assert.Equal(one, File.ReadAllText(dir.File("three.jsonl")));
        // Not a trivial result: the set holds exact and near copies, and the sample's footer line repeats across it.
        var rows = JsonlCorpus.Read(dir.File("one.jsonl"));
        Assert.True(rows.Count(r => r["duplicate_of"] is not null) > 100);
        Assert.True(rows.Count(r => (int)r["repeated_lines_removed"]! > 0) > 100);

        async Task Stage(string stage, string? task, params string[] extra)
        {
            var args = new List<string> { "dedup", "--in", input, "--tasks", "3", "--work", work, "--stage", stage };
            if (task is not null) args.AddRange(["--task", task]);
            args.AddRange(extra);
            var r = await CliRunner.RunAsync([.. args]);
            Assert.True(r.ExitCode == 0, $"{stage} {task}: {r.Error}");
        }
    }

    [Fact]
    public void Spilling_many_small_sorted_runs_gives_the_same_verdicts_as_one_buffer()
    {
        var inputs = JsonlCorpus.Read(EvalDocuments)
            .Select((o, i) => new DedupInput(i, (string)o["id"]!, (string)o["text"]!, null, "", null)).ToList();
        var (roomy, _) = DedupRunner.RunInMemory(inputs, new DedupOptions(Tasks: 1));
        var (spilled, _) = DedupRunner.RunInMemory(inputs, new DedupOptions(Tasks: 4, BufferRecords: 50));
        Assert.Equal(Describe(roomy), Describe(spilled));
    }

    [Fact]
    public async Task A_stage_run_before_its_inputs_exist_says_which_stage_is_missing()
    {
        using var dir = new TempDir();
        var r = await CliRunner.RunAsync("dedup", "--in", EvalDocuments, "--tasks", "2", "--work", dir.Path, "--stage", "clusters");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("signatures stage", r.Error);
        var noTask = await CliRunner.RunAsync("dedup", "--in", EvalDocuments, "--tasks", "2", "--work", dir.Path, "--stage", "signatures");
        Assert.Equal(1, noTask.ExitCode);
        Assert.Contains("--task", noTask.Error);
    }

    private static List<string> Describe(IEnumerable<DedupVerdict> verdicts) =>
        verdicts.Select(v => $"{v.Input.Id}|{v.DuplicateOf}|{v.Cluster}|{v.ClusterSize}|{v.LinesRemoved}|{v.Text.GetHashCode(StringComparison.Ordinal)}").ToList();
}
