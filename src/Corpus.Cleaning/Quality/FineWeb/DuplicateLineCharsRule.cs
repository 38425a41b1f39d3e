namespace Corpus.Cleaning.Quality.FineWeb;

/// <summary>Characters in repeated lines, over all characters but line breaks. Value: that fraction.</summary>
public sealed class DuplicateLineCharsRule(double max) : IQualityRule
{
    public string Name => "fineweb.char_dup_ratio";

    public string? Check(TextView view)
    {
        var total = view.Text.Length - view.Text.AsSpan().Count('\n');
        if (total == 0) return null;
        var lines = view.LineCount;
        var dup = 0;
        using (var seen = new KeyTable<LineKeys>(new LineKeys(view), lines))
            for (var i = 0; i < lines; i++)
            {
                seen.ValueOf(i, out var added);
                if (!added) dup += view.Line(i).Length;
            }
        var ratio = (double)dup / total;
        return ratio >= max ? RuleValue.Of(ratio) : null;
    }

    private readonly struct LineKeys(TextView view) : IKeys
    {
        public int Hash(int key) => string.GetHashCode(view.Line(key));
        public bool Equal(int a, int b) => view.Line(a).SequenceEqual(view.Line(b));
    }
}
