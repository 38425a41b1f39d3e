using System.Text.Json;

namespace Corpus.Tests.Startup;

/// <summary>The runtime settings the CLI ships with, read from the corpus.runtimeconfig.json that `dotnet build` writes.</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_cli_runs_without_dynamic_pgo()
    {
        var pgo = Setting("System.Runtime.TieredPGO");
        Assert.False(pgo.GetBoolean());
    }

    [Fact]
    public void The_cli_compacts_a_fragmented_heap_so_memory_stays_flat_as_the_corpus_grows()
    {
        var conserve = Setting("System.GC.ConserveMemory");
        Assert.Equal("7", conserve.ToString());
    }

    private static JsonElement Setting(string name)
    {
        // Copied next to the tests with corpus.dll, which the tests start as child processes.
        var path = Path.Combine(AppContext.BaseDirectory, "corpus.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty(name, out var value), $"corpus.runtimeconfig.json sets no {name}");
        return value.Clone();
    }
}
