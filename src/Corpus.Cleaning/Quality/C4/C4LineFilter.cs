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
    private static readonly IReadOnlyList<string> PolicyPhrases =
        DataFiles.Rows("c4-policy-phrases.txt", 1).Select(r => r.Cols[0].ToLowerInvariant()).ToList();

    public static IReadOnlyList<string> Phrases => PolicyPhrases;

    public string Filter(string text)
    {
        var kept = text.Split('\n').Where(Keep).ToList();
        return kept.Count == text.Count(c => c == '\n') + 1 ? text : string.Join('\n', kept);
    }

    public bool Keep(string line)
    {
        var lower = line.ToLowerInvariant();
        if (options.DropJavascript && lower.Contains("javascript", StringComparison.Ordinal)) return false;
        if (options.DropPolicy && PolicyPhrases.Any(p => lower.Contains(p, StringComparison.Ordinal))) return false;
        if (WordSplitter.Split(line).Count < options.MinWordsPerLine) return false;
        if (options.TerminalPunctuation && !SentenceCounter.EndsWithTerminal(line)) return false;
        return true;
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
