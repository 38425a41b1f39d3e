using System.Globalization;
using System.Net;
using System.Text;

namespace Corpus.Parquet.Release;

/// <summary>
/// A horizontal bar chart as a small standalone SVG, for the dataset card's statistics. Plain SVG with no scripts
/// and no fonts to fetch, so the Hub and any Markdown viewer show it; deterministic, so rebuilds give the same bytes.
/// </summary>
public static class SvgBarChart
{
    private const int BarArea = 320, ValueWidth = 70, BarHeight = 18, Gap = 6, Top = 30, MaxLabelChars = 60;

    // An upper bound on the width of a 12 px sans-serif character (wide letters such as 'm' and 'W' included), so a
    // label never runs past the left edge whatever font the viewer picks.
    private const double CharWidth = 8.0;

    public static string Render(string title, IReadOnlyList<(string Label, long Value)> bars)
    {
        var inv = CultureInfo.InvariantCulture;
        var labelWidth = LabelWidth(bars.Select(b => b.Label));
        var width = labelWidth + BarArea + ValueWidth;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var height = Top + Math.Max(1, bars.Count) * (BarHeight + Gap) + 10;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(inv, $"<title>{WebUtility.HtmlEncode(title)}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.Append(inv, $"<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>\n");
        if (bars.Count == 0) sb.Append(inv, $"<text x=\"8\" y=\"{Top + 12}\">(none)</text>\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = Top + i * (BarHeight + Gap);
            var w = (int)Math.Round(BarArea * (double)value / max);
            sb.Append(inv, $"<text x=\"{labelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\">{WebUtility.HtmlEncode(Shorten(label))}</text>\n");
            sb.Append(inv, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{w}\" height=\"{BarHeight}\" fill=\"#4e79a7\"/>\n");
            sb.Append(inv, $"<text x=\"{labelWidth + w + 6}\" y=\"{y + 13}\">{value}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The label as drawn: the label column widens to fit it; only a very long one is cut (the card's tables give it in full).</summary>
    public static string Shorten(string s) => s.Length > MaxLabelChars ? s[..(MaxLabelChars - 1)] + "…" : s;

    /// <summary>The label column's width in the drawn chart, for checking that no label overruns it.</summary>
    public static int LabelWidth(IEnumerable<string> labels) =>
        Math.Max(60, (int)Math.Ceiling(labels.Select(l => Shorten(l).Length).DefaultIfEmpty(0).Max() * CharWidth) + 14);
}
