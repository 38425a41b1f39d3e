using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Text.Promos;

namespace Corpus.Cleaning;

/// <summary>Removes promo lines that survived extraction and counts them on the document.</summary>
public sealed class PromoStage(PromoRules rules) : IDocumentStage
{
    private readonly PromoLineRemover _remover = new(rules);

    public string Name => "clean.promos";

    public Document Process(Document document)
    {
        var (text, removed) = _remover.Remove(document.Text);
        return removed == 0 ? document : document with { Text = text, PromosRemoved = document.PromosRemoved + removed };
    }
}
