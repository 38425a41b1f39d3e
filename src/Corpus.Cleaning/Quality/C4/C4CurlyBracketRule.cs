namespace Corpus.Cleaning.Quality.C4;

/// <summary>A curly bracket means code or a template leaked into the text. Value: the number of brackets.</summary>
public sealed class C4CurlyBracketRule : IQualityRule
{
    public string Name => "c4.curly_bracket";

    public string? Check(TextView view)
    {
        var text = view.Text.AsSpan();
        var n = text.Count('{') + text.Count('}');
        return n > 0 ? RuleValue.Of(n) : null;
    }
}
