using System.Buffers;
using System.Text;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Cleaning.Quality.C4;

/// <summary>What C4 keeps of a line, as settings.</summary>
public sealed record C4LineOptions(bool DropJavascript, bool DropPolicy, bool TerminalPunctuation, int MinWordsPerLine);

/// <summary>
/// C4's line pass: lines that mention "javascript" (enable-JavaScript notices), cookie and legal notices, lines of
/// fewer than <c>min_words_per_line</c> words and, when switched on, lines without terminal punctuation are removed
/// from the text. The document itself stays; the document rules look at what is left.
/// </summary>
public sealed class C4LineFilter(C4LineOptions options)
{
    private static readonly IReadOnlyList<string> PolicyPhrases = LoadPhrases();

    /// <summary>Every phrase searched for at once, in one pass over a line.</summary>
    private static readonly SearchValues<string> PolicySearch = SearchValues.Create([.. PolicyPhrases], StringComparison.Ordinal);

    public static IReadOnlyList<string> Phrases => PolicyPhrases;

    public string Filter(string text)
    {
        StringBuilder? kept = null;
        var rest = text.AsSpan();
        var removed = false;
        var first = true;
        while (true)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            if (Keep(line))
            {
                // The text is only copied once a line goes; until then the kept lines are the text's own prefix.
                if (removed)
                {
                    if (!first) kept!.Append('\n');
                    kept!.Append(line);
                }
                first = false;
            }
            else if (!removed)
            {
                removed = true;
                kept = new StringBuilder(text.Length);
                var prefix = text.Length - rest.Length;
                // The kept lines so far, without the line break that ends the last of them.
                if (!first) kept.Append(text, 0, prefix - 1);
            }
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }
        return removed ? kept!.ToString() : text;
    }

    public bool Keep(string line) => Keep(line.AsSpan());

    public bool Keep(ReadOnlySpan<char> line)
    {
        var buffer = line.Length <= 256 ? null : ArrayPool<char>.Shared.Rent(line.Length);
        try
        {
            var lower = buffer is null ? stackalloc char[line.Length] : buffer.AsSpan(0, line.Length);
            line.ToLowerInvariant(lower);
            if (options.DropJavascript && lower.Contains("javascript", StringComparison.Ordinal)) return false;
            if (options.DropPolicy && lower.ContainsAny(PolicySearch)) return false;
        }
        finally
        {
            if (buffer is not null) ArrayPool<char>.Shared.Return(buffer);
        }
        if (WordSplitter.Count(line) < options.MinWordsPerLine) return false;
        if (options.TerminalPunctuation && !SentenceCounter.EndsWithTerminal(line)) return false;
        return true;
    }

    private static List<string> LoadPhrases()
    {
        var phrases = DataFiles.Rows("c4-policy-phrases.txt", 1).Select(r => r.Cols[0].ToLowerInvariant()).ToList();
        if (phrases.Any(p => p.Length == 0)) throw new FormatException("c4-policy-phrases.txt: an empty phrase would match every line");
        return phrases;
    }
}

/// <summary>The line pass as a pipeline stage (<c>c4.lines</c>).</summary>
public sealed class C4LineStage(C4LineFilter filter) : IDocumentStage
{
    public string Name => "c4.lines";
    public C4LineFilter Filter => filter;

    public Document Process(Document document)
    {
        var text = filter.Filter(document.Text);
        return ReferenceEquals(text, document.Text) ? document : document with { Text = text };
    }
}
