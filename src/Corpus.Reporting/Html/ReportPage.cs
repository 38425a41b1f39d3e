using System.Text;
using static Corpus.Reporting.Html.HtmlText;

namespace Corpus.Reporting.Html;

/// <summary>
/// The whole page: a header with the accounting at a glance, a table of contents, then each section of
/// <see cref="ReportLayout.Sections"/> in its order. Self-contained: inline style and script, no external resource.
/// </summary>
public static class ReportPage
{
    private static readonly IReadOnlyDictionary<string, Action<StringBuilder, ReportData>> Renderers = new Dictionary<string, Action<StringBuilder, ReportData>>
    {
        ["funnel"] = OutcomeSections.Funnel,
        ["excluded"] = OutcomeSections.Exclusions,
        ["failed"] = OutcomeSections.Failures,
        ["promos"] = OutcomeSections.Promos,
        ["duplicates"] = OutcomeSections.Duplicates,
        ["languages"] = DistributionSections.Languages,
        ["topics"] = DistributionSections.Topics,
        ["domains"] = DistributionSections.Domains,
        ["months"] = DistributionSections.Months,
        ["lengths"] = DistributionSections.Lengths,
        ["timing"] = BuildSections.Timing,
        ["diff"] = BuildSections.Diff,
        ["recipe"] = BuildSections.Recipe,
    };

    public static string Render(ReportData data)
    {
        var m = data.Manifest;
        var title = $"{m.Dataset} {m.Version} — build report";
        var html = new StringBuilder();
        NewPage();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            // Nothing may be fetched: no network, no other file; inline style and script only.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
            .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(PageStyle.Css).Append("</style></head><body><main>\n");
        html.Append("<header><h1>").Append(Encode(title)).Append("</h1>")
            .Append($"<p class=\"muted\">Written by corpus {Encode(m.ToolVersion)} from this release's <code>manifest.json</code> and shards; ")
            .Append($"schemas {Encode(string.Join(", ", m.SchemaVersions.Select(s => $"{s.Key}/v{s.Value}")))}.</p>");
        var b = m.Build;
        html.Append("<dl class=\"totals\">");
        foreach (var (name, count) in new (string, long)[] { ("input", b.Input), ("kept", b.Kept), ("excluded", b.Excluded), ("duplicates", b.Duplicates), ("failed", b.Failed) })
            html.Append($"<div><dt>{name}</dt><dd data-count=\"{name}\">{Number(count)}</dd></div>");
        html.Append("</dl></header>\n<nav aria-label=\"Contents\"><strong>Contents</strong><ol>");
        foreach (var (id, heading) in ReportLayout.Sections) html.Append($"<li><a href=\"#{id}\">{Encode(heading)}</a></li>");
        html.Append("</ol></nav>\n");
        foreach (var (id, heading) in ReportLayout.Sections)
        {
            html.Append($"<section id=\"{id}\"><h2>{Encode(heading)}</h2>");
            Renderers[id](html, data);
            html.Append("</section>\n");
        }
        html.Append("</main><script>").Append(PageStyle.SortScript).Append("</script></body></html>\n");
        return html.ToString();
    }
}
