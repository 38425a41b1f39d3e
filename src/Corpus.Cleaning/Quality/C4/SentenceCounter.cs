using System.Buffers;

namespace Corpus.Cleaning.Quality.C4;

/// <summary>Counts sentences by their ends: terminal punctuation followed by a space, a line end or the text end.</summary>
public static class SentenceCounter
{
    private const string Terminals = ".!?。！？؟।";
    private static readonly SearchValues<char> TerminalChars = SearchValues.Create(Terminals);

    public static int Count(string text)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // Jump to the next terminal: most characters are not one.
            var next = text.AsSpan(i).IndexOfAny(TerminalChars);
            if (next < 0) break;
            i += next;
            // "..." or "?!" end one sentence, not three.
            while (i + 1 < text.Length && (TerminalChars.Contains(text[i + 1]) || text[i + 1] is '"' or '\'' or '”' or '’' or ')' or '»')) i++;
            if (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || text[i] is '。' or '！' or '？') n++;
        }
        return n;
    }

    public static bool EndsWithTerminal(ReadOnlySpan<char> line)
    {
        var t = line.TrimEnd().TrimEnd("\"'”’)»");
        return t.Length > 0 && TerminalChars.Contains(t[^1]);
    }
}
