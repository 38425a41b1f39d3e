using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corpus.Core.Tasks;

/// <summary>One stage of a plan: its name and how many tasks run it (N, or 1 for a stage that needs the global view).</summary>
public sealed record PlannedStage(string Name, int Tasks);

/// <summary>
/// <c>plan.json</c> in the work folder: what <c>corpus plan</c> fixed once, so every task of every stage, on any
/// machine, slices the same way. The task count and the recipe cannot change under a started plan.
/// </summary>
public sealed record WorkPlan
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string Dataset { get; init; }
    public required string Version { get; init; }
    /// <summary>Absolute path of the recipe; every machine must see it at this path (shared storage).</summary>
    public required string Recipe { get; init; }
    public required string RecipeSha256 { get; init; }
    /// <summary>N: how many slices every per-task stage is cut into.</summary>
    public required int Tasks { get; init; }
    /// <summary>Absolute folder the release is published under (<c>OUT/VERSION</c>): the recipe's output.dir unless overridden.</summary>
    public required string Out { get; init; }
    public required string ToolVersion { get; init; }
    /// <summary>Publish a release even when the sources gave no document (<c>--allow-empty</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AllowEmpty { get; init; }
    public required IReadOnlyList<PlannedStage> Stages { get; init; }

    public PlannedStage Stage(string name) =>
        Stages.FirstOrDefault(s => s.Name == name)
        ?? throw new CorpusUserException($"'{name}' is not a stage of this plan; its stages are: {string.Join(", ", Stages.Select(s => s.Name))}.");

    /// <summary>The stage that must be complete before <paramref name="name"/> may start, or null for the first.</summary>
    public PlannedStage? Previous(string name)
    {
        var index = Stages.ToList().FindIndex(s => s.Name == name);
        return index > 0 ? Stages[index - 1] : null;
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = TaskJsonContext.Resolver,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static WorkPlan Load(string path)
    {
        if (!File.Exists(path))
            throw new CorpusUserException($"'{path}' does not exist: run 'corpus plan RECIPE --tasks N --work DIR' first.");
        try
        {
            var plan = JsonSerializer.Deserialize<WorkPlan>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
            if (plan.Format != CurrentFormat) throw new CorpusUserException($"'{path}' has plan format {plan.Format}; this Corpus reads format {CurrentFormat}.");
            return plan;
        }
        catch (JsonException e)
        {
            throw new CorpusUserException($"'{path}' is not a readable plan: {e.Message}", e);
        }
    }

    /// <summary>Refuses a plan that would re-slice work already started under another one.</summary>
    public void EnsureCompatible(WorkPlan existing, string path)
    {
        if (existing.Tasks != Tasks)
            throw new CorpusUserException($"{path} was planned with {existing.Tasks} tasks; {Tasks} would slice the inputs differently from the finished tasks. Use a new --work folder, or keep --tasks {existing.Tasks}.");
        if (existing.RecipeSha256 != RecipeSha256 || existing.Recipe != Recipe)
            throw new CorpusUserException($"{path} was planned for another recipe (or the recipe changed since); use a new --work folder.");
        if (!existing.Stages.SequenceEqual(Stages))
            throw new CorpusUserException($"{path} was planned with other stages ({string.Join(", ", existing.Stages.Select(s => s.Name))}); use a new --work folder.");
    }
}
