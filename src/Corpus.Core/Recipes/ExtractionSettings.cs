namespace Corpus.Core.Recipes;

/// <summary>The <c>extraction:</c> block of a recipe.</summary>
public sealed class ExtractionSettings
{
    /// <summary>
    /// What main-content extraction favours where its signals are unsure: <c>precision</c>, <c>balanced</c> (default) or
    /// <c>recall</c>; the thresholds each moves are the <c>precision</c> / <c>recall</c> rows of the extraction table.
    /// </summary>
    public string Focus { get; set; } = "balanced";
}
