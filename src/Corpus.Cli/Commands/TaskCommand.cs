using System.CommandLine;
using Corpus.Pipeline;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus task STAGE [--task I] [--tasks N] --work DIR</c>: one task of one stage of a planned build — what a
/// Slurm array task, a Kubernetes indexed pod or the local runner starts. I and N default to the scheduler's
/// variables (<c>SLURM_ARRAY_TASK_ID</c>/<c>SLURM_ARRAY_TASK_COUNT</c>, <c>JOB_COMPLETION_INDEX</c>).
/// </summary>
public static class TaskCommand
{
    public static Command Create(TextWriter output)
    {
        var stageArg = new Argument<string>("STAGE") { Description = "The stage, as named in the plan (corpus status lists them)." };
        var taskOption = new Option<int?>("--task") { Description = "Which task, 0..N-1 (default: SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, else 0)." };
        var tasksOption = new Option<int?>("--tasks") { Description = "The task count N, checked against the plan (default: SLURM_ARRAY_TASK_COUNT)." };
        var workOption = WorkOption();
        var command = new Command("task", "Run one task of one stage of a planned build (see 'corpus plan').") { stageArg, taskOption, tasksOption, workOption };
        command.SetAction(async (parse, ct) =>
        {
            var work = new WorkFolder(Path.GetFullPath(parse.GetValue(workOption)!));
            var identity = TaskIdentity.Resolve(parse.GetValue(taskOption), parse.GetValue(tasksOption));
            await new TaskRunner(work).RunAsync(parse.GetValue(stageArg)!, identity, output, BuildPlan.RunAsync, ct);
            return CorpusApp.Ok;
        });
        return command;
    }

    public static Option<string> WorkOption() => new("--work") { Description = "The shared work folder the plan lives in.", Required = true };
}
