using System.Text;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Scaling.Launchers;

/// <summary>
/// One <c>sbatch</c> script per stage — a job array of N tasks, or a single job for a global stage — and
/// <c>submit.sh</c>, which submits them chained with <c>--dependency=afterok</c> so a stage starts when every task of
/// the one before has succeeded. Slurm gives each array task <c>SLURM_ARRAY_TASK_ID</c>; <c>corpus task</c> reads it.
/// </summary>
public static class SlurmScripts
{
    public static IReadOnlyList<(string Name, string Text)> Render(WorkPlan plan, WorkFolder work, LauncherOptions options)
    {
        var files = new List<(string, string)>();
        var submit = new StringBuilder();
        submit.Append("#!/bin/bash\n")
              .Append($"# Submits the {plan.Dataset} {plan.Version} build as {plan.Tasks} tasks per stage; each stage waits for the one before (afterok).\n")
              .Append("# Submitting again after a failure reruns only the tasks without a done marker.\n")
              .Append("set -euo pipefail\ncd \"$(dirname \"$0\")\"\n");
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            var name = $"{i + 1:D2}-{stage.Name}.sbatch";
            files.Add((name, Script(plan, work, stage, options)));
            submit.Append(i == 0
                ? $"job=$(sbatch --parsable {name})\n"
                : $"job=$(sbatch --parsable --dependency=afterok:${{job%%;*}} {name})\n");
            submit.Append($"echo \"{stage.Name}: job $job\"\n");
        }
        submit.Append($"echo \"Follow it with: {options.Command.ToShell(["status", "--work", work.Root])}\"\n");
        files.Add(("submit.sh", submit.ToString()));
        return files;
    }

    private static string Script(WorkPlan plan, WorkFolder work, PlannedStage stage, LauncherOptions options)
    {
        var perTask = stage.Tasks > 1;
        var logs = Path.Combine(work.Root, "logs", "slurm");
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n")
         .Append($"#SBATCH --job-name=corpus-{plan.Dataset}-{stage.Name}\n");
        if (perTask) s.Append($"#SBATCH --array=0-{stage.Tasks - 1}\n");
        s.Append($"#SBATCH --cpus-per-task={options.Cpus}\n")
         .Append($"#SBATCH --mem={options.MemoryGb}G\n")
         .Append($"#SBATCH --time={options.Time}\n")
         .Append($"#SBATCH --output={logs}/{stage.Name}-{(perTask ? "%a" : "0")}.out\n");
        foreach (var extra in options.SbatchOptions) s.Append($"#SBATCH {extra}\n");
        s.Append("set -euo pipefail\n");
        // The task index comes from SLURM_ARRAY_TASK_ID; the count is written out so a resized array is refused.
        s.Append("exec ").Append(options.Command.ToShell(TaskCommandLine.TaskArguments(stage, perTask ? null : 0, work))).Append('\n');
        return s.ToString();
    }
}
