using System.Text.Json;
using System.Text.Json.Serialization;
using Corpus.Core.Pipeline;
using Corpus.Parquet.Writing;

namespace Corpus.Parquet.Release;

/// <summary>
/// <c>manifest.json</c>: what a release holds and how it was made; everything <c>corpus verify</c> checks against.
/// It holds nothing time-dependent (no build date), so two builds of the same inputs give the same manifest.
/// </summary>
public sealed record ReleaseManifest
{
    /// <summary>Layout of this file; bumped when a field changes meaning, so old releases stay readable.</summary>
    public string Format { get; init; } = "corpus-release/1";
    public required string Dataset { get; init; }
    public required string Version { get; init; }
    /// <summary>Table name → schema version (<c>schemas/&lt;table&gt;/v&lt;version&gt;.json</c>).</summary>
    public required IReadOnlyDictionary<string, string> SchemaVersions { get; init; }
    public required string ToolVersion { get; init; }
    public required string RecipeSha256 { get; init; }
    public required string Recipe { get; init; }
    public required InputDigest Inputs { get; init; }
    /// <summary>The Parquet shards, data then excluded, each in shard order.</summary>
    public required IReadOnlyList<ShardFile> Files { get; init; }
    /// <summary>Every other file in the release (card, recipe copy, changelog, charts) with its size and hash.</summary>
    public IReadOnlyList<ReleaseFile> OtherFiles { get; init; } = [];
    public required BuildReport Build { get; init; }
    public required ReleaseCounts Counts { get; init; }
    /// <summary>The release this one was compared with in <c>CHANGELOG.md</c>, if any.</summary>
    public string? Predecessor { get; init; }
    /// <summary>The tokenizer behind <c>token_count</c> (pinned by a test against the annotation stage's tokenizer).</summary>
    public string Tokenizer { get; init; } = "o200k_base (Microsoft.ML.Tokenizers 2.0.1)";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = ReleaseJsonContext.Resolver,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static ReleaseManifest Read(string path) =>
        JsonSerializer.Deserialize<ReleaseManifest>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} is empty.");
}

/// <summary>A non-Parquet file of the release.</summary>
public sealed record ReleaseFile(string Path, long Bytes, string Sha256);

/// <summary>
/// Kept documents counted by the columns people filter on, plus a histogram of document lengths in words.
/// <paramref name="TopicLabel"/> names each topic code (<c>medtop:11000000</c> → <c>politics</c>) for the card.
/// </summary>
public sealed record ReleaseCounts(
    IReadOnlyDictionary<string, long> Language,
    IReadOnlyDictionary<string, long> Topic,
    IReadOnlyDictionary<string, long> Domain,
    IReadOnlyDictionary<string, long> WordCount,
    IReadOnlyDictionary<string, string>? TopicLabel = null);
