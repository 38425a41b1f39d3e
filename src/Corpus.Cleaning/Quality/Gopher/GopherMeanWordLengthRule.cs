using System.Globalization;

namespace Corpus.Cleaning.Quality.Gopher;

/// <summary>Mean word length outside [min, max]: token soup, tables of numbers, or run-together text. Value: the mean.</summary>
public sealed class GopherMeanWordLengthRule(double min, double max) : IQualityRule
{
    public string Name => "gopher.mean_word_length";

    public string? Check(TextView view)
    {
        var words = view.WordTable;
        if (words.Count == 0) return null;
        double sum = 0;
        for (var i = 0; i < words.Count; i++) sum += TextElements(words.Word(i));
        var mean = sum / words.Count;
        return mean < min || mean > max ? RuleValue.Of(mean) : null;
    }

    /// <summary>Length in text elements, so a letter with a combining mark counts once.</summary>
    public static int TextElements(ReadOnlySpan<char> word)
    {
        // Below U+0300 (the combining marks) no character joins another into one element: a character is an element.
        var simple = true;
        foreach (var c in word)
            if (c >= '\u0300') { simple = false; break; }
        if (simple) return word.Length;
        var n = 0;
        while (!word.IsEmpty)
        {
            word = word[StringInfo.GetNextTextElementLength(word)..];
            n++;
        }
        return n;
    }
}
