namespace Corpus.Core;

/// <summary>
/// A failure the user can act on (bad recipe, missing file, existing release). The CLI prints its message as
/// one sentence and exits with code 1; anything else is an internal error (exit code 2).
/// </summary>
public class CorpusUserException(string message, Exception? inner = null) : Exception(message, inner);
