using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Corpus.Core.Pipeline;
using Corpus.Parquet.Schema;
using Corpus.Parquet.Writing;

namespace Corpus.Parquet.Release;

/// <summary>
/// The release files' JSON types, their serialisers generated at compile time: reading and writing a manifest, a shard
/// list or a schema snapshot then needs no reflection and no code emitted at run time, which a short process (a 1-page
/// build, a scaled-out task) would otherwise pay for first (README, Start-up). The options stay those of each file
/// (<see cref="ReleaseManifest.Json"/>): the context only supplies the metadata.
/// </summary>
[JsonSerializable(typeof(ReleaseManifest))]
[JsonSerializable(typeof(List<ShardFile>))]
[JsonSerializable(typeof(BuildReport))]
[JsonSerializable(typeof(InputDigest))]
[JsonSerializable(typeof(SchemaSnapshot))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ReleaseJsonContext : JsonSerializerContext
{
    // Computed on first use, not in static initialisers: the generated Default is itself a static initialiser in
    // another part of this class, and Combine silently skips a resolver that is still null.
    private static IJsonTypeInfoResolver? _resolver;
    private static JsonSerializerOptions? _plain;

    /// <summary>The generated metadata first; any other type falls back to reflection as before.</summary>
    public static IJsonTypeInfoResolver Resolver => _resolver ??= JsonTypeInfoResolver.Combine(Default, new DefaultJsonTypeInfoResolver());

    /// <summary>Default options (as <c>JsonSerializer</c> uses with none given) over the generated metadata.</summary>
    public static JsonSerializerOptions Plain => _plain ??= new() { TypeInfoResolver = Resolver };
}
