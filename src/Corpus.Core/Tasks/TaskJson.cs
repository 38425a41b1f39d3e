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
    // Computed on first use, not in a static initialiser: the generated Default is itself a static initialiser in
    // another part of this class, and Combine silently skips a resolver that is still null.
    private static IJsonTypeInfoResolver? _resolver;

    public static IJsonTypeInfoResolver Resolver => _resolver ??= JsonTypeInfoResolver.Combine(Default, new DefaultJsonTypeInfoResolver());
}
