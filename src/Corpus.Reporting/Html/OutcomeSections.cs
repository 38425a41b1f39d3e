using System.Text;
using static Corpus.Reporting.Html.HtmlText;

namespace Corpus.Reporting.Html;

/// <summary>The sections about where documents went: the funnel, exclusions, failures, promos and duplicates.</summary>
public static class OutcomeSections
{
    public static void Funnel(StringBuilder html, ReportData data)
    {
        var build = data.Manifest.Build;
        html.Append("<p>Every input document ends as kept, excluded (with the rule and the value that tripped it), duplicate (of a kept one) ")
            .Append("or failed (with the error). Each stage takes what the one before let through; the numbers are the manifest's accounting.</p>");
        var rows = data.Funnel.Select(s => (IReadOnlyList<string>)
        [
            $"<td><strong>{Encode(s.Name)}</strong><br><span class=\"muted\">{Encode(s.Does)}</span></td>",
            NumberCell(s.In, $"data-funnel-in=\"{Encode(s.Name)}\""),
            s.Removed.Count == 0 ? "<span class=\"muted\">nothing</span>"
                : string.Join("<br>", s.Removed.Select(r => $"{Encode(r.Label)}: <span class=\"n\">{Number(r.Count)}</span>")),
            NumberCell(s.Out, $"data-funnel-out=\"{Encode(s.Name)}\""),
        ]).ToList();
        rows.Add(["<td><strong>kept</strong><br><span class=\"muted\">written to the data shards</span></td>", NumberCell(build.Kept), "", NumberCell(build.Kept)]);
        Table(html, $"Funnel: {Number(build.Input)} input documents, {Number(build.Kept)} kept", ["stage", "documents in", "removed here", "documents out"], rows, id: "funnel-table");
        html.Append("<p>Input = kept + excluded + duplicates + failed: ")
            .Append($"{Number(build.Input)} = {Number(build.Kept)} + {Number(build.Excluded)} + {Number(build.Duplicates)} + {Number(build.Failed)}")
            .Append(build.AddsUp ? " (adds up).</p>" : " — <strong>does not add up</strong>.</p>");
    }

    public static void Exclusions(StringBuilder html, ReportData data) =>
        Groups(html, data.Exclusions, data.Manifest.Build.Input, "rule", "value that tripped it", "No document was excluded by a rule.");

    public static void Failures(StringBuilder html, ReportData data) =>
        Groups(html, data.Failures, data.Manifest.Build.Input, "reason", "error", "No document failed.");

    private static void Groups(StringBuilder html, IReadOnlyList<OutcomeGroup> groups, long input, string what, string valueName, string none)
    {
        if (groups.Count == 0)
        {
            html.Append("<p>").Append(Encode(none)).Append("</p>");
            return;
        }
        Table(html, $"Documents by {what} (share of all {Number(input)} input documents)", [what, "documents", "share"],
            groups.Select(g => (IReadOnlyList<string>)[$"<a href=\"#{Anchor(what, g.Name)}\">{Encode(g.Name)}</a>", NumberCell(g.Count), Share(g.Count, input)]));
        foreach (var g in groups)
        {
            html.Append($"<h3 id=\"{Anchor(what, g.Name)}\">{Encode(g.Name)} <span class=\"muted\">— {Documents(g.Count)}, ")
                .Append(g.Examples.Count < g.Count ? $"first {g.Examples.Count} by id" : "all shown").Append("</span></h3>");
            foreach (var e in g.Examples)
            {
                html.Append("<div class=\"example\">").Append(Url(e.Url));
                if (!string.IsNullOrEmpty(e.Value)) html.Append($"<br>{Encode(valueName)}: <span class=\"value\">{Encode(e.Value)}</span>");
                html.Append(e.Excerpt.Length > 0 ? $"<pre>{Encode(e.Excerpt)}</pre>" : "<br><span class=\"muted\">(no text)</span>").Append("</div>");
            }
        }
    }

    public static void Promos(StringBuilder html, ReportData data)
    {
        var total = data.Promos.Sum(p => p.Promos);
        html.Append($"<p>{Number(total)} promo paragraphs (\"Baca Juga: …\", \"Read also: …\") were removed from {Number(data.Promos.Sum(p => p.Documents))} ")
            .Append("kept documents before their text was written, by the promo rules of the extraction and cleaning stages.</p>");
        Table(html, "Promo paragraphs removed, by language of the kept document", ["language", "kept documents", "with promos removed", "share", "promos removed"],
            data.Promos.Select(p => (IReadOnlyList<string>)[Encode(p.Language), NumberCell(p.Kept), NumberCell(p.Documents), Share(p.Documents, p.Kept), NumberCell(p.Promos)]));
        if (data.PromoRules is { } summary) PromoRules(html, summary);
        else html.Append("<p class=\"muted\">This release has no <code>promos.json</code> (it was written before promos were recorded by rule), ")
            .Append("so counts by rule and examples are not shown; <code>corpus extract --explain PAGE</code> shows them for any page.</p>");
    }

    private static void PromoRules(StringBuilder html, PromoSummary summary)
    {
        if (summary.Rules.Count == 0) return;
        var languages = summary.Rules.SelectMany(r => r.Languages.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        Table(html, "Promo paragraphs removed, by rule and language of the kept document", ["rule", .. languages, "all"],
            summary.Rules.Select(r => (IReadOnlyList<string>)
            [
                $"<a href=\"#{Anchor("promo", r.Rule)}\">{Encode(r.Rule)}</a>",
                .. languages.Select(l => NumberCell(r.Languages.GetValueOrDefault(l))),
                NumberCell(r.Count),
            ]), id: "promo-rules");
        if (summary.Recorded != summary.PromosRemoved)
            html.Append($"<p class=\"muted\">{Number(summary.PromosRemoved - summary.Recorded)} of the {Number(summary.PromosRemoved)} promos removed were not recorded by rule.</p>");
        foreach (var r in summary.Rules)
        {
            html.Append($"<h3 id=\"{Anchor("promo", r.Rule)}\">{Encode(r.Rule)} <span class=\"muted\">— {Number(r.Count)} removed, ")
                .Append(r.Examples.Count < r.Count ? $"first {r.Examples.Count} by document id" : "all shown").Append("</span></h3>");
            foreach (var e in r.Examples)
            {
                html.Append("<div class=\"example\">").Append(Url(e.Url)).Append($" <span class=\"muted\">({Encode(e.Language)})</span>")
                    .Append(Paragraph("promo-context", e.Before, "(start of the text)"))
                    .Append($"<div class=\"promo-removed\" data-promo-rule=\"{Encode(r.Rule)}\"><strong>removed:</strong> {Encode(ReleaseScan.Mask(e.Text))}</div>")
                    .Append(Paragraph("promo-context", e.After, "(end of the text)"))
                    .Append("</div>");
            }
        }
    }

    private static string Paragraph(string css, string? text, string none) =>
        text is null ? $"<div class=\"{css}\"><em>{Encode(none)}</em></div>" : $"<div class=\"{css}\">{Encode(ReleaseScan.Mask(text))}</div>";

    public static void Duplicates(StringBuilder html, ReportData data)
    {
        var d = data.Duplicates;
        if (d.Clusters == 0)
        {
            html.Append("<p>No duplicates: every kept document is unique.</p>");
            return;
        }
        html.Append($"<p>{Number(d.Duplicates)} duplicates in {Number(d.Clusters)} {(d.Clusters == 1 ? "cluster" : "clusters")}; each cluster keeps one document ")
            .Append($"and sets the others aside as duplicates of it. The {Math.Min(d.Largest.Count, ReportLayout.Clusters)} largest:</p>");
        Table(html, "Largest duplicate clusters", ["cluster size", "kept document", "duplicates (first by id)"],
            d.Largest.Select(c => (IReadOnlyList<string>)
            [
                NumberCell(c.Size),
                c.KeptUrl is null ? $"<span class=\"muted\">id {Encode(c.Id)}</span>" : Url(c.KeptUrl),
                string.Join("<br>", c.MemberUrls.Select(Url)) + (c.Size - 1 > c.MemberUrls.Count ? $"<br><span class=\"muted\">and {Number(c.Size - 1 - c.MemberUrls.Count)} more</span>" : ""),
            ]));
    }

    private static string Anchor(string kind, string name) =>
        $"{kind}-" + new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
}
