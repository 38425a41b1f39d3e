using Microsoft.ML.Tokenizers;

namespace Corpus.Annotation.Counts;

/// <summary>
/// Tokens under OpenAI's o200k_base encoding (Microsoft.ML.Tokenizers, vocabulary shipped in a package, so it works
/// offline). <see cref="Name"/> goes into the release manifest so token counts can be compared across releases.
/// </summary>
public static class TokenCounter
{
    public const string Name = "o200k_base (Microsoft.ML.Tokenizers 2.0.1)";

    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);
}
