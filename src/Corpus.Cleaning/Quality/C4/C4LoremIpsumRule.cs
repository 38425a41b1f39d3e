namespace Corpus.Cleaning.Quality.C4;

/// <summary>Placeholder text: a template page, not an article. Value: the phrase found.</summary>
public sealed class C4LoremIpsumRule : IQualityRule
{
    public string Name => "c4.lorem_ipsum";

    public string? Check(TextView view) =>
        view.Text.Contains("lorem ipsum", StringComparison.OrdinalIgnoreCase) ? "lorem ipsum" : null;
}
