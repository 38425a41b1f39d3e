using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Annotation.Counts;

/// <summary>Characters, words, lines, paragraphs and tokens of the final text.</summary>
public sealed class CountsStage : IDocumentStage
{
    public string Name => "annotate.counts";

    public Document Process(Document document)
    {
        var (words, lines, paragraphs) = TextCounts.WordsLinesAndParagraphs(document.Text);
        return document with
        {
            CharCount = document.Text.Length,
            WordCount = words,
            LineCount = lines,
            ParagraphCount = paragraphs,
            TokenCount = TokenCounter.Count(document.Text),
        };
    }
}
