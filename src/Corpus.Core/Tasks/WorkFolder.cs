namespace Corpus.Core.Tasks;

/// <summary>
/// The shared folder every task reads and writes: the plan, the stages' part files, one marker per task and
/// state, one log per task. Every machine must see it at the same path (NFS, Lustre, a ReadWriteMany volume).
/// </summary>
public sealed record WorkFolder(string Root)
{
    public string PlanPath => Path.Combine(Root, "plan.json");
    public string StageDirectory(string stage) => Path.Combine(Root, stage);
    public string Log(string stage, int task) => Path.Combine(Root, "logs", stage, $"task-{task:D3}.log");
    public string Marker(string stage, int task, TaskState state) =>
        Path.Combine(Root, "markers", stage, $"task-{task:D3}.{state.ToString().ToLowerInvariant()}.json");

    public WorkPlan LoadPlan() => WorkPlan.Load(PlanPath);
}
