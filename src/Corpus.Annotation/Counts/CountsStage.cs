using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Text;

namespace Corpus.Annotation.Counts;

/// <summary>Characters, words, lines, paragraphs and tokens of the final text.</summary>
public sealed class CountsStage : IDocumentStage
{
    public string Name => "annotate.counts";

    public Document Process(Document document)
    {
        var (lines, paragraphs) = TextCounts.LinesAndParagraphs(document.Text);
        return document with
        {
            CharCount = document.Text.Length,
            WordCount = WordCounter.Count(document.Text),
            LineCount = lines,
            ParagraphCount = paragraphs,
            TokenCount = TokenCounter.Count(document.Text),
        };
    }
}
