using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Cleaning.Pii;

/// <summary>Masks personal data and records how much of each kind was masked on the document.</summary>
public sealed class PiiStage(PiiMasker masker) : IDocumentStage
{
    public string Name => "clean.pii";

    public Document Process(Document document)
    {
        var (text, counts) = masker.Mask(document.Text);
        if (counts.Total == 0) return document;
        return document with
        {
            Text = text,
            PiiEmails = document.PiiEmails + counts.Emails,
            PiiIpAddresses = document.PiiIpAddresses + counts.IpAddresses,
            PiiPhones = document.PiiPhones + counts.Phones,
        };
    }
}
