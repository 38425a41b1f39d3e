using Corpus.Core;

namespace Corpus.Parquet.Release;

/// <summary>A release does not match its manifest or its schema; the message names the first problem found.</summary>
public sealed class ReleaseVerificationException(string releaseDir, string problem)
    : CorpusUserException($"{releaseDir} failed verification: {problem}")
{
    public string Problem { get; } = problem;
}
