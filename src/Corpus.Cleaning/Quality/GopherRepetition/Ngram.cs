namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>Word n-grams as the rules measure them: the words joined by single spaces.</summary>
internal static class Ngram
{
    /// <summary>Characters of the n-gram at <paramref name="position"/> joined by single spaces.</summary>
    public static int Length(ReadOnlySpan<int> lengths, int position, int n)
    {
        var chars = n - 1;
        for (var k = 0; k < n; k++) chars += lengths[position + k];
        return chars;
    }
}
