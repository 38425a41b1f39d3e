using System.Globalization;
using System.Net;
using System.Text;

namespace Corpus.Benchmarks;

/// <summary>One generated article page: where it lives, when it was fetched, and its HTML.</summary>
public sealed record SyntheticPage(long Index, string Url, DateTimeOffset FetchedAt, string Html);

/// <summary>
/// News article pages made from their index alone (nothing held in memory), as real HTML: a head with title,
/// description, canonical link, Open Graph and <c>lang</c>; a nav; an article body of paragraphs with a "Baca juga:"
/// promo line now and then and the site's closing line; a related-news box and a footer. Body words come from
/// <see cref="SyntheticNews"/> (the dedup benchmark's invented vocabulary) with the function words of the page's
/// language woven in, so the language detector and the Gopher stop-word rule see running Indonesian or English.
/// Duplicates by construction, as in <see cref="SyntheticSource"/>: every 10th page (offset 9) is an exact copy of
/// the article before it at another address on the same site, every 10th (offset 6) the one before with one word
/// changed and a new headline.
/// </summary>
public static class SyntheticNewsPages
{
    private static readonly string[] Sections = ["nasional", "politik", "ekonomi", "olahraga", "teknologi", "dunia"];
    private static readonly string[] IndonesianGlue =
        ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan", "pada", "juga", "ke",
         "kata", "menurut", "para", "saat", "setelah", "hingga", "telah", "masih", "bisa", "lebih", "karena", "oleh",
         "sebagai", "bahwa", "warga", "pemerintah", "kota", "tahun", "hari", "daerah", "sudah", "belum", "mereka"];
    private static readonly string[] EnglishGlue =
        ["the", "of", "and", "to", "in", "that", "with", "have", "is", "was", "for", "on", "said", "by", "as", "at",
         "from", "its", "their", "were", "after", "this", "would", "government", "city", "year", "people"];
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));

    /// <summary>Hosts the pages are spread over (one site each).</summary>
    public const int Hosts = 24;

    public static int ExpectedExactCopies(long pages) => (int)(pages / 10);
    public static int ExpectedNearCopies(long pages) => (int)((pages + 3) / 10);

    public static string HostOf(long index) => $"kabar{index % Hosts:D2}.test";

    /// <summary>Every 8th article is English (the sites' English desk); the rest are Indonesian.</summary>
    private static bool IsEnglish(long article) => article % 8 == 3;

    public static SyntheticPage Make(long index)
    {
        var kind = index % 10;
        // A copy lives on the site of the article it copies, under its own address.
        var article = kind is 9 or 6 ? index - 1 : index;
        var host = HostOf(article);
        var english = IsEnglish(article);
        var section = english ? "en" : Sections[(int)(index % Sections.Length)];
        var published = Epoch.AddMinutes(index * 7);
        var title = Headline(kind == 6 ? index : article, english);
        var slug = Slug(title) + "-" + index.ToString(CultureInfo.InvariantCulture);
        var url = $"http://{host}/{section}/{published:yyyy}/{published:MM}/{slug}.html";
        var paragraphs = Body(article, english);
        if (kind == 6) paragraphs[paragraphs.Count / 2] = ChangeOneWord(paragraphs[paragraphs.Count / 2]);
        var html = Render(index, host, url, section, title, published, english, paragraphs);
        return new SyntheticPage(index, url, published.AddHours(1).ToUniversalTime(), html);
    }

    private static string Headline(long seed, bool english)
    {
        var words = Weave(SyntheticNews.Text(seed + 1_000_000_000, 90), english, new Random(Seed(seed, 1))).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(4 + (int)(seed % 5)).Select(w => char.ToUpperInvariant(w[0]) + w[1..].TrimEnd('.')));
    }

    private static List<string> Body(long article, bool english)
    {
        var random = new Random(Seed(article, 2));
        var text = Weave(SyntheticNews.Text(article, 1800 + random.Next(1200)), english, random);
        var paragraphs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        // SyntheticNews breaks paragraphs at random; merge the very short ones so each reads like a paragraph.
        for (var p = paragraphs.Count - 1; p > 0; p--)
            if (paragraphs[p].Length < 160) { paragraphs[p - 1] += " " + paragraphs[p]; paragraphs.RemoveAt(p); }
        return paragraphs;
    }

    /// <summary>Puts a function word of the language before about every other invented word, paragraph by paragraph.</summary>
    private static string Weave(string text, bool english, Random random)
    {
        var glue = english ? EnglishGlue : IndonesianGlue;
        var sb = new StringBuilder(text.Length * 2);
        foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (sb.Length > 0) sb.Append('\n');
            var startOfSentence = true;
            var first = true;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!first) sb.Append(' ');
                first = false;
                if (random.Next(100) < 55)
                {
                    var g = glue[random.Next(glue.Length)];
                    sb.Append(startOfSentence ? char.ToUpperInvariant(g[0]) + g[1..] : g).Append(' ');
                    sb.Append(startOfSentence ? char.ToLowerInvariant(word[0]) + word[1..] : word);
                }
                else sb.Append(word);
                startOfSentence = word.EndsWith('.');
            }
        }
        return sb.ToString();
    }

    private static string ChangeOneWord(string paragraph)
    {
        var words = paragraph.Split(' ');
        words[words.Length / 2] = "berubah";
        return string.Join(' ', words);
    }

    private static int Seed(long index, int salt) => (int)((index * 2654435761L + salt * 40503L) % int.MaxValue);

    private static string Slug(string title) =>
        string.Join('-', title.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6));

    private static string Render(long index, string host, string url, string section, string title, DateTimeOffset published,
        bool english, List<string> paragraphs)
    {
        Func<string, string> e = s => WebUtility.HtmlEncode(s);
        var site = $"Kabar {host[5..7]}";
        var lang = english ? "en" : "id";
        var description = paragraphs[0].Length > 150 ? paragraphs[0][..150].TrimEnd() + "…" : paragraphs[0];
        var date = published.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var sb = new StringBuilder(8192);
        sb.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
              <meta charset="utf-8">
              <title>{e(title)} | {site}</title>
              <meta name="description" content="{e(description)}">
              <meta name="author" content="Redaksi {site}">
              <link rel="canonical" href="{url}">
              <meta property="og:title" content="{e(title)}">
              <meta property="og:type" content="article">
              <meta property="og:url" content="{url}">
              <meta property="og:site_name" content="{site}">
              <meta property="og:locale" content="{(english ? "en_US" : "id_ID")}">
              <meta property="article:published_time" content="{date}">
              <meta property="article:section" content="{section}">
              <script>window.dataLayer = window.dataLayer || [];</script>
            </head>
            <body class="page-article">
            <header class="site-header">
              <a class="logo" href="/">{site}</a>
              <nav class="main-nav"><ul>
            """);
        foreach (var s in Sections) sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/{s}/\">{char.ToUpperInvariant(s[0])}{s[1..]}</a></li>");
        sb.Append(CultureInfo.InvariantCulture, $"""
            <li><a href="/en/">English</a></li></ul></nav>
            </header>
            <div class="ads">ADVERTISEMENT</div>
            <main class="container">
            <article>
              <h1 class="detail__title">{e(title)}</h1>
              <div class="byline">{(english ? "By" : "Oleh")} Redaksi {site} &middot; <time datetime="{date}">{published:dd/MM/yyyy HH:mm}</time></div>
              <div class="detail__body-text" itemprop="articleBody">

            """);
        for (var p = 0; p < paragraphs.Count; p++)
        {
            sb.Append("    <p>").Append(e(paragraphs[p])).Append("</p>\n");
            // "Baca juga:" on about one page in three, after the second paragraph: work for the promo pass.
            if (p == 1 && index % 3 == 0)
            {
                var other = (index * 31 + 17) % Math.Max(1, index + 1);
                sb.Append(CultureInfo.InvariantCulture, $"    <p><strong>{(english ? "Read also:" : "Baca juga:")}</strong> <a href=\"/{section}/{other}.html\">{e(Headline(other, english))}</a></p>\n");
            }
        }
        // The site's closing line, in every article of the host: work for the repeated-lines stage.
        sb.Append(CultureInfo.InvariantCulture, $"""
                <p>{(english ? $"Follow the latest news from {site} on all of our channels every day." : $"Ikuti terus berita terkini dari {site} di semua kanal kami setiap hari.")}</p>
              </div>
            </article>
            <aside class="related-news"><h3>{(english ? "Related" : "Berita Terkait")}</h3><ul>

            """);
        for (var r = 1; r <= 4; r++)
        {
            var other = (index + r * 101) % 100_000;
            sb.Append(CultureInfo.InvariantCulture, $"  <li><a href=\"/{section}/{other}.html\">{e(Headline(other, english))}</a></li>\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"""
            </ul></aside>
            </main>
            <footer class="site-footer">
              <p>&copy; 2024 {site}. {(english ? "All rights reserved." : "Hak cipta dilindungi undang-undang.")}</p>
              <ul><li><a href="/tentang/">Tentang Kami</a></li><li><a href="/redaksi/">Redaksi</a></li><li><a href="/pedoman/">Pedoman Media Siber</a></li><li><a href="/kontak/">Kontak</a></li></ul>
            </footer>
            </body>
            </html>

            """);
        return sb.ToString();
    }
}
