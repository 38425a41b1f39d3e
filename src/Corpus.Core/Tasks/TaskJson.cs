using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Corpus.Core.Tasks;

/// <summary>
/// The plan, task markers and step stats, their JSON metadata generated at compile time: every task process reads the
/// plan and writes markers, so without it each one would first build serialisers by reflection and emitted code
/// (README, Start-up). The options stay <see cref="WorkPlan.Json"/>; any type not listed here falls back to reflection.
/// </summary>
[JsonSerializable(typeof(WorkPlan))]
[JsonSerializable(typeof(TaskMarker))]
[JsonSerializable(typeof(StepStats))]
internal sealed partial class TaskJsonContext : JsonSerializerContext
{
    public static IJsonTypeInfoResolver Resolver { get; } = JsonTypeInfoResolver.Combine(Default, new DefaultJsonTypeInfoResolver());
}
