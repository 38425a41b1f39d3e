using System.Text;
using static Corpus.Reporting.Html.HtmlText;

namespace Corpus.Reporting.Html;

/// <summary>The sections about how the release was made: step timing, the change from the previous release, the recipe.</summary>
public static class BuildSections
{
    public static void Timing(StringBuilder html, ReportData data)
    {
        if (data.Steps is not { Count: > 0 } steps)
        {
            html.Append("<p>Timing is a property of a build, not of the data: a release is byte-for-byte the same whichever machine and ")
                .Append("however many tasks built it, so the report inside the release leaves it out. The build's work folder keeps ")
                .Append("<code>stats/STEP.json</code>; <code>corpus report RELEASE_DIR --work WORK_DIR --out FILE</code> adds this section from them.</p>");
            return;
        }
        Table(html, "Per step: wall time (first task start to last task end), processor time, documents in and out", 
            ["step", "tasks", "wall s", "CPU s", "documents in", "documents out", "documents/s", "MB out/s"],
            steps.Select(s =>
            {
                var (docsIn, docsOut, bytesOut) = (s.Count("docs_in"), s.Count("docs_out"), s.Count("bytes_out"));
                return (IReadOnlyList<string>)
                [
                    Encode(s.Step), NumberCell(s.Tasks), $"<td class=\"n\">{Decimal(s.WallSeconds, "0.0")}</td>", $"<td class=\"n\">{Decimal(s.CpuSeconds, "0.0")}</td>",
                    NumberCell(docsIn), NumberCell(docsOut),
                    $"<td class=\"n\">{(s.WallSeconds > 0 && docsIn > 0 ? Decimal(docsIn / s.WallSeconds, "0.0") : "–")}</td>",
                    $"<td class=\"n\">{(s.WallSeconds > 0 && bytesOut > 0 ? Decimal(bytesOut / 1e6 / s.WallSeconds, "0.00") : "–")}</td>",
                ];
            }));
        html.Append($"<p class=\"muted\">Total wall time {Decimal(steps.Sum(s => s.WallSeconds), "0.0")} s, processor time {Decimal(steps.Sum(s => s.CpuSeconds), "0.0")} s.</p>");
    }

    public static void Diff(StringBuilder html, ReportData data)
    {
        if (data.Diff is not { } diff)
        {
            html.Append(data.Manifest.Predecessor is { } previous
                ? $"<p>The previous release, {Encode(previous)}, is not beside this one, so there is nothing to compare; its <code>CHANGELOG.md</code> holds the comparison made at release time.</p>"
                : "<p>This is the first release of the dataset: there is no previous version to compare with.</p>");
            return;
        }
        html.Append($"<p>From {Encode(diff.From)} to {Encode(diff.To)} (<code>corpus diff</code>): documents compared by id and text hash.</p>");
        Table(html, "Documents", ["change", "documents"],
        [
            ["added", NumberCell(diff.Added.Count)], ["removed", NumberCell(diff.Removed.Count)],
            ["changed text", NumberCell(diff.Changed.Count)], ["unchanged", NumberCell(diff.Unchanged)],
        ]);
        foreach (var (what, changes) in diff.Counts)
        {
            var moved = changes.Where(c => c.Delta != 0).OrderByDescending(c => Math.Abs(c.Delta)).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
            if (moved.Count == 0) continue;
            Table(html, $"Counts by {what} that changed", [what, "before", "after", "change"],
                moved.Select(c => (IReadOnlyList<string>)[Encode(c.Key), NumberCell(c.Before), NumberCell(c.After), NumberCell(c.Delta)]));
        }
        html.Append(diff.SchemaChanges.Count == 0 ? "<p>No schema changes.</p>"
            : "<h3>Schema changes</h3><ul>" + string.Concat(diff.SchemaChanges.Select(s => $"<li>{Encode(s)}</li>")) + "</ul>");
    }

    public static void Recipe(StringBuilder html, ReportData data)
    {
        html.Append($"<p>The recipe this release was built from (sha256 <span class=\"value\">{Encode(data.Manifest.RecipeSha256)}</span>); ")
            .Append("a key it leaves out takes its default, listed in the dataset card.</p>");
        html.Append("<pre class=\"recipe\">").Append(Encode(data.Manifest.Recipe)).Append("</pre>");
    }
}
