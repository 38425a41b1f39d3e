namespace Corpus.Core.Recipes;

public sealed class DedupSettings
{
    /// <summary>Drop documents whose normalised text is identical to a kept one.</summary>
    public bool Exact { get; set; } = true;
}
