using System.Globalization;

namespace Corpus.Core.Tasks;

/// <summary>
/// Which task of how many this process is. Explicit options win; otherwise the scheduler says it: Slurm job arrays
/// set <c>SLURM_ARRAY_TASK_ID</c> and <c>SLURM_ARRAY_TASK_COUNT</c>, Kubernetes Indexed Jobs set
/// <c>JOB_COMPLETION_INDEX</c> (the count is then given on the command line).
/// </summary>
public readonly record struct TaskIdentity(int Task, int? Tasks)
{
    public static readonly string[] TaskVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"];
    public const string CountVariable = "SLURM_ARRAY_TASK_COUNT";

    public static TaskIdentity Resolve(int? task, int? tasks, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var resolvedTask = task ?? TaskVariables.Select(v => Parse(v, environment(v))).FirstOrDefault(v => v is not null);
        var resolvedTasks = tasks ?? Parse(CountVariable, environment(CountVariable));
        return new TaskIdentity(resolvedTask ?? 0, resolvedTasks);
    }

    private static int? Parse(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new CorpusUserException($"{name}='{value}' is not a task number.");
    }
}
