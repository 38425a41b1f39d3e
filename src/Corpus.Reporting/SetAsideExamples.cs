using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Reporting;

/// <summary>
/// The report's excluded and failed groups (counts and first examples), gathered from documents as a build streams
/// them in build order. Given to the report, it spares reading the excluded table's text column back: a column chunk
/// is read whole, so that read would hold a row group of set-aside texts at once.
/// </summary>
public sealed class SetAsideExamples
{
    internal OutcomeGroups Exclusions { get; } = new();
    internal OutcomeGroups Failures { get; } = new();

    /// <summary>Counts one document; only excluded and failed ones are kept as groups, as the excluded table holds them.</summary>
    public void Add(Document d)
    {
        var url = d.Url ?? "";
        switch (d.Disposition)
        {
            case Disposition.Excluded:
                Exclusions.Add(d.ExclusionRule ?? "?", () => new Example(url, ReleaseScan.Mask(d.ExclusionValue), ReleaseScan.Excerpt(d.Text)));
                break;
            case Disposition.Failed:
                // The excluded table stores no text for a failed document.
                Failures.Add(FailureReasons.Of(d.Error), () => new Example(url, ReleaseScan.Mask(d.Error), ReleaseScan.Excerpt(null)));
                break;
        }
    }
}
