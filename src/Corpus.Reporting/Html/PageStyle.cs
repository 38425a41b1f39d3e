using static Corpus.Reporting.ReportLayout.Colours;

namespace Corpus.Reporting.Html;

/// <summary>The page's inline style sheet and its one small script (table sorting); nothing is fetched.</summary>
public static class PageStyle
{
    public static readonly string Css = $$"""
        :root{color-scheme:light}
        *{box-sizing:border-box}
        body{margin:0;background:{{Background}};color:{{Ink}};font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
        main{max-width:1120px;margin:0 auto;padding:16px}
        h1{font-size:1.6rem;margin:.2em 0}
        h2{font-size:1.3rem;margin:1.6em 0 .4em;padding-top:.4em;border-top:2px solid {{Rule}}}
        h3{font-size:1.05rem;margin:1.2em 0 .3em}
        p,li{max-width:75ch}
        .muted{color:{{Muted}}}
        a{color:{{Link}}}
        a.url,.url{overflow-wrap:anywhere;word-break:break-word}
        nav ol{columns:2 14em;padding-left:1.2em;margin:.4em 0}
        .totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(9em,1fr));gap:8px;margin:12px 0;padding:0}
        .totals div{background:{{Band}};border:1px solid {{Rule}};border-radius:6px;padding:8px 10px}
        .totals dt{font-size:.85rem;color:{{Muted}}}
        .totals dd{margin:0;font-size:1.4rem;font-weight:600;font-variant-numeric:tabular-nums}
        .scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-variant-numeric:tabular-nums}
        .caption{font-weight:600;margin:.8em 0 .2em;color:{{Ink}}}
        th,td{border-bottom:1px solid {{Rule}};padding:4px 8px;text-align:left;vertical-align:top}
        th{background:{{Band}};cursor:pointer;user-select:none;white-space:nowrap}
        th[aria-sort=ascending]::after{content:" \25B2"}
        th[aria-sort=descending]::after{content:" \25BC"}
        td.n,.n{text-align:right;white-space:nowrap}
        td.barcell{min-width:10em;width:45%;white-space:nowrap}
        .bar{display:inline-block;height:.8em;background:{{Bar}};margin-right:6px;vertical-align:baseline;min-width:1px;max-width:calc(100% - 5em)}
        .example{border:1px solid {{Rule}};border-radius:6px;padding:8px 10px;margin:6px 0}
        .example pre,.recipe{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3em 0 0;font:14px/1.45 ui-monospace,"DejaVu Sans Mono",monospace}
        .promo-context{color:{{Muted}};margin:.3em 0 0;overflow-wrap:anywhere}
        .promo-removed{background:{{Removed}};border-left:4px solid {{Bar}};padding:2px 8px;margin:.3em 0 0;overflow-wrap:anywhere}
        .value{font-family:ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
        .recipe{background:{{Band}};border:1px solid {{Rule}};padding:10px;border-radius:6px}
        @media (max-width:600px){main{padding:10px}td.barcell{min-width:8.5em}.bar{max-width:calc(100% - 3.5em)}th,td{padding:4px 5px}th{white-space:normal}h1{font-size:1.35rem} }
        """;

    /// <summary>Clicking a header sorts its table by that column (numbers by <c>data-sort</c>), again to reverse.</summary>
    public const string SortScript = """
        document.querySelectorAll("table.sortable th").forEach(function (th, _) {
          th.tabIndex = 0;
          function sort() {
            var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
            var up = th.getAttribute("aria-sort") !== "ascending";
            table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
            th.setAttribute("aria-sort", up ? "ascending" : "descending");
            var key = function (row) {
              var cell = row.cells[col]; if (!cell) return "";
              var s = cell.getAttribute("data-sort");
              return s !== null ? Number(s) : cell.textContent.trim().toLowerCase();
            };
            Array.prototype.slice.call(body.rows).sort(function (a, b) {
              var x = key(a), y = key(b), c = x < y ? -1 : x > y ? 1 : 0;
              return up ? c : -c;
            }).forEach(function (row) { body.appendChild(row); });
          }
          th.addEventListener("click", sort);
          th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
        });
        """;
}
