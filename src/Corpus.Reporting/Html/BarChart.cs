using System.Text;

namespace Corpus.Reporting.Html;

/// <summary>
/// A horizontal bar chart drawn as a table: the category axis is the first column, the value axis the bar column, and
/// every number is text beside its bar, so the chart reads the same at 1280 px, on a phone and to a screen reader.
/// </summary>
public static class BarChart
{
    public static void Render(StringBuilder html, string caption, string categoryAxis, string valueAxis, IReadOnlyList<CountRow> rows,
        long? total = null, bool labelsAreUrls = false)
    {
        var max = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var whole = total ?? rows.Sum(r => r.Count);
        HtmlText.Table(html, caption, [categoryAxis, $"{valueAxis} (bar scale 0 – {HtmlText.Number(max)})", "share"],
            rows.Select(r => (IReadOnlyList<string>)[labelsAreUrls ? HtmlText.Url(r.Label) : HtmlText.Encode(r.Label), HtmlText.BarCell(r.Count, max), HtmlText.Share(r.Count, whole)]));
    }
}
