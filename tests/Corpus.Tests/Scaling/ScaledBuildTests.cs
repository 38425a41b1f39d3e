using Corpus.Core.Tasks;
using Corpus.Crawling.Warc;
using Corpus.Pipeline.Steps;
using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

[Collection(ScaledBuildCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Scale)]
public sealed class ScaledBuildTests(ScaledBuildFixture fixture)
{
    [Fact]
    public void Four_tasks_per_stage_in_separate_processes_give_the_one_process_release_byte_for_byte()
    {
        Assert.True(fixture.Run.ExitCode == 0, fixture.Run.Output + fixture.Run.Error);
        ReleaseFiles.AssertIdentical(fixture.OneProcessRelease, fixture.ScaledRelease);
    }

    [Fact]
    public async Task The_work_is_really_spread_over_the_tasks()
    {
        var work = new WorkFolder(fixture.Work);
        var inputs = Enumerable.Range(0, 4).Select(t => TaskMarkers.Read(work, "process", t, TaskState.Done)!.Stats!["input"]).ToList();
        Assert.Equal(32, inputs.Sum());
        // How many WARC files the crawl cuts depends on its timing (a file is rotated only between group commits, and a
        // loaded machine commits more visits at once), so the check is the rule itself: task t read every fourth of the
        // crawl's files in name order, starting at t, and exactly the pages in them.
        var crawled = Directory.GetFiles(Path.Combine(fixture.Root, "crawl", "warc"), "*.warc.gz").Order(StringComparer.Ordinal).ToList();
        for (var t = 0; t < 4; t++)
        {
            var archives = ProcessCounts.Read(ProcessStep.Folder(work, t)).Archives;
            Assert.Equal(crawled.Where((_, i) => i % 4 == t).Select(Path.GetFullPath), archives);
            long pages = 0;
            await foreach (var _ in new WarcPageSource(archives).ReadAsync(CancellationToken.None)) pages++;
            Assert.True(pages == inputs[t], $"task {t} read {inputs[t]} pages of the {pages} in its files");
        }
        // Every id range got documents, and every task of every stage left its log and its done marker.
        foreach (var stage in work.LoadPlan().Stages)
            for (var t = 0; t < stage.Tasks; t++)
            {
                Assert.True(TaskMarkers.IsDone(work, stage.Name, t), $"{stage.Name} {t}");
                Assert.Contains("done in", File.ReadAllText(work.Log(stage.Name, t)));
            }
    }

    [Fact]
    public void An_independent_reader_sees_the_scaled_release_rows_in_build_order()
    {
        var data = DuckDb.Lit(Path.Combine(fixture.ScaledRelease, "data", "*.parquet"));
        var ids = DuckDb.Query($"SELECT id FROM read_parquet({data})").Select(r => (string)r["id"]!).ToList();
        Assert.Equal(27, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Rerunning_a_finished_task_or_plan_is_a_no_op()
    {
        var work = new WorkFolder(fixture.Work);
        var marker = work.Marker("process", 2, TaskState.Done);
        var before = await File.ReadAllTextAsync(marker);
        var task = await CliRunner.RunAsync("task", "process", "--task", "2", "--tasks", "4", "--work", fixture.Work);
        Assert.Equal(0, task.ExitCode);
        Assert.Contains("already done", task.Output);
        Assert.Equal(before, await File.ReadAllTextAsync(marker));

        var run = await CliRunner.RunAsync("run", "--work", fixture.Work, "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(work.LoadPlan().Stages.Count, run.Output.Split('\n').Count(l => l.Contains("already done", StringComparison.Ordinal)));
        ReleaseFiles.AssertIdentical(fixture.OneProcessRelease, fixture.ScaledRelease);
    }

    [Fact]
    public async Task A_changed_task_count_is_refused_by_tasks_and_by_plan()
    {
        var task = await CliRunner.RunAsync("task", "dedup-lines", "--task", "0", "--tasks", "3", "--work", fixture.Work);
        Assert.Equal(1, task.ExitCode);
        Assert.Contains("planned with 4 tasks", task.Error);

        var plan = await CliRunner.RunAsync("plan", fixture.Recipe, "--tasks", "3", "--work", fixture.Work);
        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("planned with 4 tasks", plan.Error);
        Assert.Equal(4, new WorkFolder(fixture.Work).LoadPlan().Tasks);
    }

    [Fact]
    public async Task Status_shows_every_stage_done_with_the_build_accounting()
    {
        var status = await CliRunner.RunAsync("status", "--work", fixture.Work);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"All {new WorkFolder(fixture.Work).LoadPlan().Stages.Count} stages done", status.Output);
        var write = status.Output.Split('\n').Single(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+publish\s+\d"));
        Assert.Contains("input 32", write);
        Assert.Contains("kept 27", write);
    }
}
