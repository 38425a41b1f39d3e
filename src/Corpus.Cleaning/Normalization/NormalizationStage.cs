using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Text.Normalization;
using Corpus.Text;

namespace Corpus.Cleaning.Normalization;

/// <summary>Mojibake repaired (counted on the document), then <see cref="TextNormalizer"/>.</summary>
public sealed class NormalizationStage : IDocumentStage
{
    public string Name => "clean.normalize";

    public Document Process(Document document)
    {
        var (text, repairs) = Normalize(document.Text);
        return text == document.Text && repairs == 0
            ? document
            : document with { Text = text, MojibakeRepairs = document.MojibakeRepairs + repairs };
    }

    public static (string Text, int MojibakeRepairs) Normalize(string text)
    {
        var (repaired, repairs) = MojibakeRepair.Repair(text);
        return (TextNormalizer.Normalize(repaired), repairs);
    }
}
