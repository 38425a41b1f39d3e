using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Text;

namespace Corpus.Cleaning.Quality;

/// <summary>Too short to be an article (video pages, stubs). Value: the word count.</summary>
public sealed class MinWordsFilter(int minWords) : IDocumentStage
{
    public string Name => "quality.min_words";

    public Document Process(Document document)
    {
        var words = WordCounter.Count(document.Text);
        return words < minWords ? document.Exclude(Name, words.ToString(System.Globalization.CultureInfo.InvariantCulture)) : document;
    }
}
