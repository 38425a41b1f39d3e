using Corpus.Core.Jsonl;
using Corpus.Dedup;
using Corpus.Dedup.Clustering;
using Corpus.Dedup.Jsonl;
using Corpus.Dedup.Staging;
using Corpus.Tests.Support;

namespace Corpus.Tests.Dedup;

/// <summary>
/// The stages exchange only files, so they can run as separate processes (the scaled-out build's dedup tasks).
/// Whatever the split, the result is the same as one <c>corpus dedup</c> process.
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

        // Each runner below is what one task of a scaled-out build runs (DedupSteps): its stage, its index, the shared
        // work folder; the filter is the one the build uses (verdicts from the parsed documents), not the command's.
        var options = new DedupOptions(Tasks: 3);
        var layout = new WorkLayout(Path.Combine(dir.Path, "work"));
        var source = new JsonlDedupSource(input);
        foreach (var step in new[] { DedupStep.Lines, DedupStep.RepeatedLines, DedupStep.Signatures, DedupStep.Buckets })
            for (var task = 2; task >= 0; task--) // any order within a stage
                new DedupRunner(options, layout).RunStep(step, source, task);
        ClusterStage.Run(options, layout);
        for (var task = 0; task < 3; task++)
            new DedupRunner(options, layout).RunStep(DedupStep.Filter, source, task,
                verdicts => JsonlDedupOutput.WritePart(verdicts, options, layout.OutputPart(task)));
        using (var writer = JsonLines.OpenWriter(dir.File("three.jsonl"))) JsonlDedupOutput.Merge(layout, 3, writer);

        var one = File.ReadAllText(dir.File("one.jsonl"));
        Assert.Equal(one, File.ReadAllText(dir.File("three.jsonl")));
        // Not a trivial result: the set holds exact and near copies, and the sample's footer line repeats across it.
        var rows = JsonlCorpus.Read(dir.File("one.jsonl"));
        Assert.True(rows.Count(r => r["duplicate_of"] is not null) > 100);
        Assert.True(rows.Count(r => (int)r["repeated_lines_removed"]! > 0) > 100);
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
    public void A_stage_run_before_its_inputs_exist_says_which_stage_is_missing()
    {
        using var dir = new TempDir();
        var options = new DedupOptions(Tasks: 2);
        var layout = new WorkLayout(dir.Path);
        var e = Assert.Throws<Corpus.Core.CorpusUserException>(() => ClusterStage.Run(options, layout));
        Assert.Contains("signatures stage", e.Message);
        var runner = new DedupRunner(options, layout);
        Assert.Throws<ArgumentOutOfRangeException>(() => runner.RunStep(DedupStep.Signatures, new JsonlDedupSource(EvalDocuments), 2));
    }

    [Fact]
    public async Task The_stage_option_is_gone_scaled_out_runs_go_through_the_build_plan()
    {
        var r = await CliRunner.RunAsync("dedup", "--in", EvalDocuments, "--tasks", "2", "--stage", "clusters");
        Assert.NotEqual(0, r.ExitCode);
    }

    private static List<string> Describe(IEnumerable<DedupVerdict> verdicts) =>
        verdicts.Select(v => $"{v.Input.Id}|{v.DuplicateOf}|{v.Cluster}|{v.ClusterSize}|{v.LinesRemoved}|{v.Text.GetHashCode(StringComparison.Ordinal)}").ToList();
}
