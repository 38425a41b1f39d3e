using System.Text;
using static Corpus.Reporting.Html.HtmlText;

namespace Corpus.Reporting.Html;

/// <summary>The sections about what the kept documents are: languages, topics, domains, dates and lengths.</summary>
public static class DistributionSections
{
    public static void Languages(StringBuilder html, ReportData data)
    {
        var kept = data.Manifest.Build.Kept;
        var max = data.Languages.Count == 0 ? 0 : data.Languages.Max(l => l.Count);
        Table(html, $"Kept documents by detected language (ISO 639-1), bar scale 0 – {Number(max)}", ["language", "documents", "share", "mean confidence"],
            data.Languages.Select(l => (IReadOnlyList<string>)
                [Encode(l.Language), BarCell(l.Count, max), Share(l.Count, kept), l.MeanConfidence is { } c ? $"<td class=\"n\">{Decimal(c)}</td>" : "–"]));
    }

    public static void Topics(StringBuilder html, ReportData data)
    {
        var kept = data.Manifest.Build.Kept;
        var max = data.Topics.Count == 0 ? 0 : data.Topics.Max(t => t.Count);
        Table(html, $"Kept documents by IPTC media topic, bar scale 0 – {Number(max)}", ["topic", "documents", "share", "code"],
            data.Topics.Select(t => (IReadOnlyList<string>)
                [Encode(t.Label ?? t.Code), BarCell(t.Count, max), Share(t.Count, kept), $"<span class=\"muted\">{Encode(t.Code)}</span>"]));
    }

    public static void Domains(StringBuilder html, ReportData data) =>
        BarChart.Render(html, $"Kept documents by domain (top {ReportLayout.TopDomains})", "domain", "documents", data.Domains, data.Manifest.Build.Kept);

    public static void Months(StringBuilder html, ReportData data) =>
        BarChart.Render(html, "Kept documents by month of publication (UTC)", "month", "documents", data.Months, data.Manifest.Build.Kept);

    public static void Lengths(StringBuilder html, ReportData data)
    {
        BarChart.Render(html, "Kept documents by length in words", "words", "documents", data.Words, data.Manifest.Build.Kept);
        BarChart.Render(html, $"Kept documents by length in tokens ({data.Manifest.Tokenizer})", "tokens", "documents", data.Tokens, data.Manifest.Build.Kept);
    }
}
