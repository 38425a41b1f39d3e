using Corpus.Cleaning.Promos;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Text.Promos;

namespace Corpus.Cleaning;

/// <summary>Removes promo lines that survived extraction and records them (rule, text, neighbours) on the document.</summary>
public sealed class PromoStage(PromoRules rules) : IDocumentStage
{
    private readonly PromoLineRemover _remover = new(rules);

    public string Name => "clean.promos";

    public Document Process(Document document)
    {
        var (text, removed) = _remover.RemoveExplained(document.Text);
        if (removed.Count == 0) return document;
        var recorded = PromoLines.Locate(document.Text, removed);
        return document with
        {
            Text = text,
            PromosRemoved = document.PromosRemoved + removed.Count,
            PromoRemovals = [.. document.PromoRemovals ?? [], .. recorded],
        };
    }
}
