using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;
using Corpus.Tests.Support;

namespace Corpus.Tests.Startup;

/// <summary>
/// The JSON a build reads and writes at every start (plan, task markers, step stats, the release manifest) goes through
/// metadata generated at compile time, not reflection, and comes out byte for byte as the reflection serialiser wrote it.
/// </summary>
public sealed class GeneratedJsonTests
{
    private static string FixtureManifest => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Parquet", "Fixtures", "releases", "schema-v0", "1.0.0", "manifest.json");

    /// <summary>The same options with the reflection resolver: what the files were written with before.</summary>
    private static JsonSerializerOptions ByReflection(JsonSerializerOptions options) => new(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public void The_release_manifest_is_generated_and_written_as_before()
    {
        Assert.IsAssignableFrom<JsonSerializerContext>(ReleaseManifest.Json.GetTypeInfo(typeof(ReleaseManifest)).OriginatingResolver);
        var manifest = ReleaseManifest.Read(FixtureManifest);
        Assert.Equal("fixture", manifest.Dataset);
        Assert.Equal(2, manifest.Files.Count);
        Assert.Equal(JsonSerializer.Serialize(manifest, ByReflection(ReleaseManifest.Json)) + "\n", manifest.ToJson());
    }

    [Fact]
    public void The_plan_markers_and_stats_are_generated_and_written_as_before()
    {
        foreach (var type in new[] { typeof(WorkPlan), typeof(TaskMarker), typeof(StepStats) })
            Assert.IsAssignableFrom<JsonSerializerContext>(WorkPlan.Json.GetTypeInfo(type).OriginatingResolver);
        var plan = new WorkPlan
        {
            Dataset = "d", Version = "1.0.0", Recipe = "/r/corpus.yaml", RecipeSha256 = "ab", Tasks = 2, Out = "/o", ToolVersion = "0.1.0",
            Stages = [new PlannedStage("process", 2), new PlannedStage("publish", 1)],
        };
        var marker = new TaskMarker
        {
            Stage = "process", Task = 1, Host = "h", Pid = 7, Started = new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.FromHours(7)),
            CpuSeconds = 0.25, Stats = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["docs_in"] = 3 },
        };
        var reflection = ByReflection(WorkPlan.Json);
        Assert.Equal(JsonSerializer.Serialize(plan, reflection), JsonSerializer.Serialize(plan, WorkPlan.Json));
        Assert.Equal(JsonSerializer.Serialize(marker, reflection), JsonSerializer.Serialize(marker, WorkPlan.Json));
        var back = JsonSerializer.Deserialize<WorkPlan>(plan.ToJson(), WorkPlan.Json)!;
        Assert.Equal(plan.Stages, back.Stages);
        Assert.Equal(plan with { Stages = back.Stages }, back);
        Assert.Equal(marker.Started, JsonSerializer.Deserialize<TaskMarker>(JsonSerializer.Serialize(marker, WorkPlan.Json), WorkPlan.Json)!.Started);
    }
}
