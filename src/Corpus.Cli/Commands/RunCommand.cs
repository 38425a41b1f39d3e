using System.CommandLine;
using Corpus.Cli.Scaling;
using Corpus.Core;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Commands;

/// <summary><c>corpus run --work DIR [--workers W]</c>: the local executor — a plan's tasks as processes on this machine.</summary>
public static class RunCommand
{
    public static Command Create(TextWriter output)
    {
        var workOption = TaskCommand.WorkOption();
        var workersOption = new Option<int>("--workers") { Description = "Tasks running at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("run", "Run a planned build on this machine: every stage's unfinished tasks as separate processes, W at a time.")
        {
            workOption, workersOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var work = new WorkFolder(Path.GetFullPath(parse.GetValue(workOption)!));
            var workers = parse.GetValue(workersOption);
            if (workers < 1) throw new CorpusUserException("--workers must be at least 1.");
            var plan = work.LoadPlan();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await output.WriteLineAsync($"Running {plan.Dataset} {plan.Version}: {plan.Stages.Count} stages, {plan.Tasks} tasks each, {workers} worker(s)");
            if (!await new LocalExecutor(work, workers, TaskCommandLine.Current(), output).RunAsync(ct)) return CorpusApp.UserError;
            var release = Path.Combine(plan.Out, plan.Version);
            await output.WriteLineAsync($"Release written to {release} in {clock.Elapsed.TotalSeconds:0.0} s");
            await output.WriteLineAsync($"Shards: {Path.Combine(release, "data")}");
            return CorpusApp.Ok;
        });
        return command;
    }
}
