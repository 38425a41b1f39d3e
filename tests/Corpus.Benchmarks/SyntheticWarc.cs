using System.Globalization;
using System.Net;
using System.Text;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Warc;

namespace Corpus.Benchmarks;

/// <summary>
/// Writes <see cref="SyntheticNewsPages"/> as WARC files with the crawler's own writer and records (a request/response
/// pair per page), so a build reads them exactly as it reads a crawl. Page i goes to file i mod F: a page and the
/// copy made of it land in different files, hence usually in different process tasks, and the dedup stages must find
/// them across tasks.
/// </summary>
public static class SyntheticWarc
{
    public sealed record Written(int Pages, int Files, long CompressedBytes, long HtmlBytes);

    public static Written Write(string dir, int pages, int files)
    {
        var writers = Enumerable.Range(0, files)
            .Select(f => new WarcWriter(dir, $"synthetic-{f:D3}", long.MaxValue, "Corpus.Benchmarks/scale"))
            .ToArray();
        long html = 0;
        try
        {
            for (var i = 0; i < pages; i++)
            {
                var page = SyntheticNewsPages.Make(i);
                var payload = Encoding.UTF8.GetBytes(page.Html);
                html += payload.Length;
                var uri = new Uri(page.Url);
                var exchange = new Exchange
                {
                    Url = uri, At = page.FetchedAt, Status = 200, Address = IPAddress.Loopback, Payload = payload,
                    ContentType = "text/html; charset=utf-8",
                    RequestHead = Encoding.ASCII.GetBytes($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Host}\r\nUser-Agent: CorpusBot/0.1\r\nAccept: text/html\r\n\r\n"),
                    ResponseHead = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                        $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {payload.Length}\r\n\r\n")),
                };
                var (request, response) = ExchangeRecords.Pair(exchange, role: null, requestedUri: null);
                writers[i % files].Append([request, response]);
            }
        }
        finally
        {
            foreach (var w in writers) w.Dispose();
        }
        var compressed = Directory.GetFiles(dir, "*.warc.gz").Sum(f => new FileInfo(f).Length);
        return new Written(pages, files, compressed, html);
    }

    /// <summary>The recipe the WARC benchmarks build with: the synthetic pages of <c>warc/</c>, the sample's languages and rules.</summary>
    public static string WriteRecipe(string name, string what, string dir)
    {
        var recipe = Path.Combine(dir, "corpus.yaml");
        File.WriteAllText(recipe, $"""
            name: {name}
            version: 1.0.0
            license: CC-BY-4.0
            description: Synthetic news pages for the {what}.
            languages: [id, en, ms]
            sources:
              warc: [warc/*.warc.gz]
            quality:
              min_words: 50
              max_link_density: 0.5
            output:
              dir: releases
              compression: zstd
            """);
        return recipe;
    }
}
