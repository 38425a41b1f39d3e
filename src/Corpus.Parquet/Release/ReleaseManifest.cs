using System.Text.Json;
using System.Text.Json.Serialization;
using Corpus.Core.Pipeline;
using Corpus.Parquet.Writing;

namespace Corpus.Parquet.Release;

/// <summary><c>manifest.json</c>: what a release holds and how it was made. Everything needed to verify it.</summary>
public sealed record ReleaseManifest
{
    public required string Dataset { get; init; }
    public required string Version { get; init; }
    public required IReadOnlyDictionary<string, string> SchemaVersions { get; init; }
    public required string ToolVersion { get; init; }
    public required string RecipeSha256 { get; init; }
    public required string Recipe { get; init; }
    public required IReadOnlyList<ShardFile> Files { get; init; }
    public required BuildReport Build { get; init; }
    public required IReadOnlyDictionary<string, int> KeptByDomain { get; init; }
    public string Tokenizer { get; init; } = "o200k_base (Microsoft.ML.Tokenizers 2.0.1)"; // token_count's tokenizer; Corpus.Annotation.Counts.TokenCounter.Name, pinned by a test

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReleaseManifest Read(string path) =>
        JsonSerializer.Deserialize<ReleaseManifest>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} is empty.");
}
