using Corpus.Core;

namespace Corpus.Parquet.Release;

/// <summary>Releases are immutable: a version that exists is never written again.</summary>
public sealed class ReleaseExistsException(string path, string version)
    : CorpusUserException($"Release {version} already exists at {path}; releases are never overwritten. Bump 'version' in the recipe, or build into another folder with --out.");
