namespace Corpus.Core.Text;

public static class WordCounter
{
    /// <summary>Runs of letters or digits, so punctuation-only tokens do not count as words.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord) count++;
            inWord = letter;
        }
        return count;
    }
}
