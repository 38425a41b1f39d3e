using System.CommandLine;
using System.Globalization;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Commands;

/// <summary><c>corpus status --work DIR</c>: per stage, how many tasks are done, running, stale, failed or pending.</summary>
public static class StatusCommand
{
    public static Command Create(TextWriter output)
    {
        var workOption = TaskCommand.WorkOption();
        var staleOption = new Option<int>("--stale-after") { Description = "Seconds without a heartbeat before a running task counts as stale (killed or lost).", DefaultValueFactory = _ => 120 };
        var command = new Command("status", "Show the progress of a planned build: tasks per stage by state, and what failed.") { workOption, staleOption };
        command.SetAction(async (parse, ct) =>
        {
            var work = new WorkFolder(Path.GetFullPath(parse.GetValue(workOption)!));
            var plan = work.LoadPlan();
            var stages = WorkStatus.Read(work, TimeSpan.FromSeconds(parse.GetValue(staleOption)), DateTimeOffset.UtcNow);
            await output.WriteLineAsync($"{plan.Dataset} {plan.Version}, {plan.Tasks} tasks, work folder {work.Root}");
            await output.WriteLineAsync();
            await output.WriteLineAsync($"  {"stage",-18} {"tasks",5} {"done",5} {"running",7} {"stale",5} {"failed",6} {"pending",7} {"wall s",7} {"cpu s",7}  stats");
            foreach (var s in stages)
            {
                var stats = string.Join(", ", s.Stats.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:N0}")));
                await output.WriteLineAsync($"  {s.Stage,-18} {s.Tasks,5} {s.Count(TaskState.Done),5} {s.Count(TaskState.Running),7} {s.Count(TaskState.Stale),5} {s.Count(TaskState.Failed),6} {s.Count(TaskState.Pending),7} {(s.Wall is { } w ? w.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "-"),7} {(s.Cpu is { } cpu ? cpu.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "-"),7}  {stats}");
            }
            var problems = stages.SelectMany(s => s.Problems.Select(p => (s.Stage, p.Task, p.State, p.Detail))).ToList();
            if (problems.Count > 0)
            {
                await output.WriteLineAsync();
                foreach (var (stage, task, state, detail) in problems)
                    await output.WriteLineAsync($"  {stage} task {task} {state.ToString().ToLowerInvariant()}: {detail}");
            }
            await output.WriteLineAsync();
            var done = stages.Count(s => s.IsDone);
            await output.WriteLineAsync(done == stages.Count
                ? $"All {stages.Count} stages done: release {Path.Combine(plan.Out, plan.Version)}"
                : $"{done} of {stages.Count} stages done.");
            return CorpusApp.Ok;
        });
        return command;
    }
}
