using System.ComponentModel.DataAnnotations;

namespace Corpus.Core.Recipes;

/// <summary>The <c>extraction:</c> block of a recipe.</summary>
[Step("extract")]
public sealed record ExtractionSettings
{
    /// <summary>
    /// What main-content extraction favours where its signals are unsure: <c>precision</c>, <c>balanced</c> (default) or
    /// <c>recall</c>; the thresholds each moves are the <c>precision</c> / <c>recall</c> rows of the extraction table.
    /// </summary>
    [AllowedValues("precision", "balanced", "recall")]
    public string Focus { get; init; } = "balanced";
}
