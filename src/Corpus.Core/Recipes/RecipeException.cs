namespace Corpus.Core.Recipes;

/// <summary>A recipe the user must fix: the message names the file, the line where known, and the field.</summary>
public sealed class RecipeException(string message, Exception? inner = null) : CorpusUserException(message, inner);
