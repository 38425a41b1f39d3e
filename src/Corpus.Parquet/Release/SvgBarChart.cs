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
    private const int Width = 560, LabelWidth = 170, BarHeight = 18, Gap = 6, Top = 30;

    public static string Render(string title, IReadOnlyList<(string Label, long Value)> bars)
    {
        var inv = CultureInfo.InvariantCulture;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var height = Top + Math.Max(1, bars.Count) * (BarHeight + Gap) + 10;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(inv, $"<title>{WebUtility.HtmlEncode(title)}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.Append(inv, $"<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>\n");
        if (bars.Count == 0) sb.Append(inv, $"<text x=\"8\" y=\"{Top + 12}\">(none)</text>\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = Top + i * (BarHeight + Gap);
            var w = (int)Math.Round((Width - LabelWidth - 70) * (double)value / max);
            sb.Append(inv, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\">{Escape(label)}</text>\n");
            sb.Append(inv, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{w}\" height=\"{BarHeight}\" fill=\"#4e79a7\"/>\n");
            sb.Append(inv, $"<text x=\"{LabelWidth + w + 6}\" y=\"{y + 13}\">{value}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    // Bar labels are cut to fit the label column; the tables in the card give them in full.
    private static string Escape(string s) => WebUtility.HtmlEncode(s.Length > 28 ? s[..27] + "…" : s);
}
