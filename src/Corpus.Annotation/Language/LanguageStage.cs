using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Annotation.Language;

/// <summary>Sets language, score and the mixed-language flag from the whole cleaned text and the page's evidence.</summary>
public sealed class LanguageStage(LanguageIdentifier identifier) : IDocumentStage
{
    public string Name => "annotate.language";

    public Document Process(Document document)
    {
        var result = identifier.Identify(document.Text, document.LanguageDeclared, document.Url);
        return document with { Language = result.Code, LanguageScore = result.Score, LanguageMixed = result.Mixed };
    }
}
