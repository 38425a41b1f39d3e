using System.Globalization;
using System.Net;
using System.Text;

namespace Corpus.Reporting.Html;

/// <summary>The few ways the page turns values into HTML: every string through <see cref="Encode"/>, numbers invariant.</summary>
public static class HtmlText
{
    [ThreadStatic] private static int _tables;

    /// <summary>Starts the numbering of table labels again, once per page, so the same release gives the same page.</summary>
    public static void NewPage() => _tables = 0;

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Documents(long n) => n == 1 ? "1 document" : $"{Number(n)} documents";

    public static string Share(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Decimal(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A link for an http(s) URL, plain text for anything else (a <c>javascript:</c> URL never becomes a link).</summary>
    public static string Url(string url)
    {
        var text = Encode(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? $"<a class=\"url\" href=\"{Encode(uri.AbsoluteUri)}\" rel=\"nofollow noreferrer\">{text}</a>"
            : $"<span class=\"url\">{text}</span>";
    }

    /// <summary>A table whose header cells sort it (the inline script), its rows already in a sensible order.</summary>
    public static void Table(StringBuilder html, string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? id = null)
    {
        // The caption sits above the scrolling box, so it wraps to the screen even when a wide table scrolls sideways.
        var label = $"t{++_tables}";
        html.Append($"<p class=\"caption\" id=\"{label}\">").Append(Encode(caption)).Append("</p>");
        html.Append($"<div class=\"scroll\"><table class=\"sortable\" aria-labelledby=\"{label}\"").Append(id is null ? "" : $" id=\"{id}\"").Append('>');
        html.Append("<thead><tr>");
        foreach (var h in headers) html.Append("<th scope=\"col\">").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append(cell.StartsWith("<td", StringComparison.Ordinal) ? cell : $"<td>{cell}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
    }

    /// <summary>A right-aligned number cell that sorts by its value.</summary>
    public static string NumberCell(long n, string? attribute = null) =>
        $"<td class=\"n\" data-sort=\"{n.ToString(CultureInfo.InvariantCulture)}\"{(attribute is null ? "" : " " + attribute)}>{Number(n)}</td>";

    /// <summary>A bar proportional to <paramref name="n"/> of <paramref name="max"/>, its number written beside it as text.</summary>
    public static string BarCell(long n, long max) =>
        $"<td class=\"barcell\" data-sort=\"{n.ToString(CultureInfo.InvariantCulture)}\"><span class=\"bar\" style=\"width:{(max == 0 ? 0 : 100.0 * n / max).ToString("0.#", CultureInfo.InvariantCulture)}%\"></span><span class=\"n\">{Number(n)}</span></td>";
}
