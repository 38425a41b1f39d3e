using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Warc;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

/// <summary>WARC records keep what crossed the wire; revisits can be resolved; reading counts every record; a full disk never publishes a torn file.</summary>
public sealed class WarcFidelityTests
{
    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<html><body><p>chunked and cookied</p></body></html>");

    private static async Task<(WebCrawler Crawler, MisbehavingServer Server)> CrawlWireSiteAsync(TempDir dir)
    {
        var server = new MisbehavingServer();
        server.On("wire.test/robots.txt", new CannedResponse(404, []));
        server.On("wire.test/a.html", new CannedResponse(200, Html,
            ("Content-Type", "text/html; charset=utf-8"), ("Set-Cookie", "a=1; Path=/"), ("X-Zeta", "last-in-abc-order"),
            ("Set-Cookie", "b=2; Path=/"), ("ETag", "\"e1\"")) { Chunked = true });
        server.On("wire.test/b.html", CannedResponse.Html("<p>plain</p>"));
        var options = TestCrawl.Options(["wire.test"]) with { Seeds = ["http://wire.test/a.html", "http://wire.test/b.html"] };
        var crawler = new WebCrawler(options, dir.Path, server.Map("wire.test"));
        await crawler.RunAsync();
        return (crawler, server);
    }

    private static byte[] Head(ReadOnlyMemory<byte> block)
    {
        var end = block.Span.IndexOf("\r\n\r\n"u8);
        return block.Span[..(end + 4)].ToArray();
    }

    /// <summary>What the server sent, as Corpus stores it: the framing header renamed because the body is stored de-chunked.</summary>
    private static byte[] AsStored(byte[] sent) =>
        Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(sent).Replace("\r\nTransfer-Encoding:", "\r\nX-Crawler-Transfer-Encoding:"));

    [Fact]
    public async Task Request_and_response_heads_are_recorded_byte_for_byte_as_sent_and_received()
    {
        using var dir = new TempDir();
        var (crawler, server) = await CrawlWireSiteAsync(dir);
        await using var _ = server;
        var records = WebCrawler.WarcFiles(crawler.WarcDirectory).SelectMany(WarcReader.Read).ToList();
        foreach (var path in new[] { "/a.html", "/b.html" })
        {
            var uri = "http://wire.test" + path;
            var wire = server.Wire.Single(w => w.Key == "wire.test" + path);
            var response = records.Single(r => r.Type == "response" && r.TargetUri == uri);
            var request = records.Single(r => r.Type == "request" && r.TargetUri == uri);
            Assert.Equal(Encoding.Latin1.GetString(AsStored(wire.ResponseHead)), Encoding.Latin1.GetString(Head(response.Block)));
            Assert.Equal(Encoding.Latin1.GetString(wire.RequestHead), Encoding.Latin1.GetString(request.Block.ToArray()));
        }
        var a = records.Single(r => r.Type == "response" && r.TargetUri == "http://wire.test/a.html");
        var head = Encoding.Latin1.GetString(Head(a.Block));
        Assert.Contains("Set-Cookie: a=1; Path=/\r\nX-Zeta: last-in-abc-order\r\nSet-Cookie: b=2; Path=/\r\n", head);
        Assert.Contains("\r\nX-Crawler-Transfer-Encoding: chunked\r\n", head);
        Assert.DoesNotContain("Content-Length", head);
        Assert.Equal(Html, a.Block[Head(a.Block).Length..].ToArray());   // the body de-chunked
        var sentRequest = Encoding.Latin1.GetString(records.Single(r => r.Type == "request" && r.TargetUri == "http://wire.test/a.html").Block.ToArray());
        Assert.Contains("\r\nUser-Agent: TestBot/1.0 (+https://example.org/bot)\r\n", sentRequest);
    }

    [Fact]
    public async Task Warcio_reads_the_crawled_warc_every_record_parses_digests_verify_and_heads_equal_what_the_server_sent()
    {
        using var dir = new TempDir();
        var (crawler, server) = await CrawlWireSiteAsync(dir);
        await using var _ = server;
        var expected = server.Wire.Where(w => w.Key != "wire.test/robots.txt").Select(w => new Dictionary<string, string>
        {
            ["uri"] = "http://" + w.Key,
            ["responseHead"] = Convert.ToBase64String(AsStored(w.ResponseHead)),
            ["requestHead"] = Convert.ToBase64String(w.RequestHead),
        }).ToList();
        var expectedFile = dir.File("expected.json");
        File.WriteAllText(expectedFile, JsonSerializer.Serialize(expected));
        var warcio = Path.Combine(RepoPaths.Root, "tests", "warcio");
        Assert.Equal(0, (await RunAsync("bash", Path.Combine(warcio, "install.sh"))).ExitCode);
        var result = await RunAsync("node", [Path.Combine(warcio, "check.mjs"), expectedFile, .. WebCrawler.WarcFiles(crawler.WarcDirectory)]);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("0 problems, 2 expected heads checked, 0 of 0 revisits resolved", result.Output);
    }

    [Fact]
    public async Task Warcio_resolves_the_revisit_of_a_conditional_recrawl_to_its_original_by_id_uri_date_and_payload_digest()
    {
        await using var server = new MisbehavingServer();
        server.On("cond.test/robots.txt", new CannedResponse(404, []));
        server.On("cond.test/a.html", n => n == 1
            ? new CannedResponse(200, "<p>the original</p>"u8.ToArray(), ("Content-Type", "text/html"), ("ETag", "\"v1\""), ("Last-Modified", "Tue, 02 Jan 2024 03:04:05 GMT"))
            : new CannedResponse(304, [], ("ETag", "\"v1\""), ("Date", "Wed, 03 Jan 2024 03:04:05 GMT")));
        using var dir = new TempDir();
        var options = TestCrawl.Options(["cond.test"]) with { Seeds = ["http://cond.test/a.html"] };
        await new WebCrawler(options, dir.Path, server.Map("cond.test")).RunAsync();
        var crawler = new WebCrawler(options, dir.Path, server.Map("cond.test"));
        await crawler.RunAsync(recrawl: true);

        var wire = server.Wire.Where(w => w.Key == "cond.test/a.html").ToList();
        Assert.Equal(2, wire.Count);
        Assert.Contains("If-None-Match: \"v1\"", Encoding.Latin1.GetString(wire[1].RequestHead));
        var expectedFile = dir.File("expected.json");
        File.WriteAllText(expectedFile, JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, string>
            {
                ["uri"] = "http://cond.test/a.html",
                ["responseHead"] = Convert.ToBase64String(AsStored(wire[0].ResponseHead)),
                ["requestHead"] = Convert.ToBase64String(wire[1].RequestHead),   // the conditional request, as sent
                ["revisitHead"] = Convert.ToBase64String(AsStored(wire[1].ResponseHead)),
            },
        }));
        var files = WebCrawler.WarcFiles(crawler.WarcDirectory);
        Assert.Equal(2, files.Count);   // the original in the first crawl's file, the revisit in the recrawl's
        var warcio = Path.Combine(RepoPaths.Root, "tests", "warcio");
        Assert.Equal(0, (await RunAsync("bash", Path.Combine(warcio, "install.sh"))).ExitCode);
        var result = await RunAsync("node", [Path.Combine(warcio, "check.mjs"), expectedFile, .. files]);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("0 problems, 1 expected heads checked, 1 of 1 revisits resolved", result.Output);

        // The same check fails on a revisit whose original is not among the files read.
        var alone = await RunAsync("node", [Path.Combine(warcio, "check.mjs"), "-", files[1]]);
        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("revisit http://cond.test/a.html refers to <urn:uuid:", alone.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Reading_counts_every_record_html_resources_are_pages_and_revisits_resolve_or_are_named_unresolved()
    {
        using var dir = new TempDir();
        var at = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>original</p>"u8.ToArray();
        var payloadDigest = Base32.Sha1Digest("<p>original</p>"u8);
        byte[] Record(string type, string uri, string contentType, byte[] block, params (string, string)[] extra) =>
            WarcRecordBuilder.Serialize(new List<KeyValuePair<string, string>>
            {
                new("WARC-Type", type), new("WARC-Record-ID", type == "response" ? "<urn:uuid:original>" : WarcRecordBuilder.NewRecordId()),
                new("WARC-Date", WarcRecordBuilder.FormatDate(at)), new("WARC-Target-URI", uri), new("Content-Type", contentType),
            }.Concat(extra.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2))), block);
        var revisitHead = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"u8.ToArray();
        string file;
        using (var writer = new WarcWriter(dir.Path, "t", 1 << 30, "test"))
        {
            writer.Append(
            [
                Record("response", "http://a.test/1", "application/http;msgtype=response", http, ("WARC-Payload-Digest", payloadDigest)),
                Record("request", "http://a.test/1", "application/http;msgtype=request", "GET /1 HTTP/1.1\r\n\r\n"u8.ToArray()),
                Record("resource", "http://a.test/2", "text/html", "<p>a resource</p>"u8.ToArray()),
                Record("resource", "http://a.test/3.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
                Record("revisit", "http://a.test/1-again", "application/http;msgtype=response", revisitHead,
                    ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"), ("WARC-Payload-Digest", payloadDigest)),
                Record("revisit", "http://a.test/9", "application/http;msgtype=response", revisitHead,
                    ("WARC-Refers-To-Target-URI", "http://elsewhere.test/9"), ("WARC-Payload-Digest", "sha1:AAAA")),
            ]);
            file = Path.Combine(dir.Path, writer.Current!.Value.File);
        }
        var source = new WarcPageSource([file]);
        var pages = await source.ReadAsync(default).ToListAsync();
        Assert.Equal(["http://a.test/1", "http://a.test/2"], pages.Select(p => p.Url).ToList());
        Assert.Equal("<p>a resource</p>", Encoding.UTF8.GetString(pages[1].Body.Span));
        Assert.Equal(7, source.Records.Total);   // warcinfo included
        Assert.Equal(2, source.Records.ByType["revisit"]);
        Assert.Equal(1, source.Records.Skipped["revisit resolved to its original response, read earlier in the input"]);
        Assert.Equal(1, source.Records.Skipped["revisit whose original (http://elsewhere.test/9) is not in the input"]);
        Assert.Equal(1, source.Records.Skipped["resource that is not HTML"]);
        Assert.Equal(1, source.Records.Skipped["request record"]);
        Assert.Equal(1, source.Records.Skipped["warcinfo record"]);
    }

    [Fact]
    public void A_full_disk_leaves_the_file_open_never_published_and_resume_cuts_it_to_its_last_committed_member()
    {
        using var dir = new TempDir();
        var small = WarcRecordBuilder.Serialize([new("WARC-Type", "resource"), new("WARC-Target-URI", "http://a.test/1"), new("WARC-Date", "2025-01-01T00:00:00Z"), new("Content-Type", "text/plain")], "one"u8);
        var big = WarcRecordBuilder.Serialize([new("WARC-Type", "resource"), new("WARC-Target-URI", "http://a.test/2"), new("WARC-Date", "2025-01-01T00:00:00Z"), new("Content-Type", "application/octet-stream")],
            RandomBytes(200_000));
        var writer = new WarcWriter(dir.Path, "t", 1 << 30, "test") { OpenFile = path => new FullDisk(path, 20_000) };
        writer.Append([small]);
        var (name, committed) = writer.Current!.Value;
        Assert.Throws<IOException>(() => writer.Append([big]));
        writer.Dispose();
        Assert.Empty(Directory.GetFiles(dir.Path, "*.warc.gz"));
        Assert.Single(Directory.GetFiles(dir.Path, "*.warc.gz.open"));

        WarcWriter.Recover(dir.Path, n => n == name ? committed : null);
        var file = Assert.Single(Directory.GetFiles(dir.Path, "*.warc.gz"));
        Assert.Equal(["warcinfo", "resource"], WarcReader.Read(file).Select(r => r.Type).ToList());
    }

    [Fact]
    public async Task A_crawl_that_fills_the_disk_stops_with_its_file_cut_to_the_last_complete_member_and_resumes_to_a_build()
    {
        // A chain of pages, each found only on the one before: the archiver commits visit by visit, so the disk fills mid-crawl.
        const int Pages = 30;
        await using var server = new MisbehavingServer();
        server.On("disk.test/robots.txt", new CannedResponse(404, []));
        var random = new Random(11);
        for (var i = 0; i < Pages; i++)
        {
            var words = string.Join(' ', Enumerable.Range(0, 500).Select(_ => new string(Enumerable.Range(0, random.Next(2, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray())));
            var next = i + 1 < Pages ? $"<a href=\"/p{i + 1}.html\">next</a>" : "";
            server.On($"disk.test/p{i}.html", CannedResponse.Html($"<html><head><title>Page {i}</title></head><body><article><h1>Story {i}</h1><p>{words}.</p><p>{next}</p></article></body></html>"));
        }
        using var dir = new TempDir();
        var crawlDir = dir.File("crawl");
        var options = TestCrawl.Options(["disk.test"]) with { Seeds = ["http://disk.test/p0.html"], MaxDepth = Pages, Concurrency = 2 };
        FullDisk? disk = null;
        var full = new WebCrawler(options, crawlDir, server.Map("disk.test")) { OpenWarcFile = path => disk = new FullDisk(path, 16_000) };
        var stopped = await Assert.ThrowsAsync<Corpus.Core.CorpusUserException>(() => full.RunAsync());
        Assert.Contains("free space and run the crawl again on the same folder to resume", stopped.Message);

        // Never published under its final name, and cut back to the last member the frontier committed: every record whole.
        Assert.Empty(WebCrawler.WarcFiles(full.WarcDirectory));
        var open = Assert.Single(Directory.GetFiles(full.WarcDirectory, "*.warc.gz" + WarcWriter.OpenSuffix));
        int doneBefore;
        Dictionary<string, (string?, long?)> positionsBefore;
        using (var frontier = new CrawlFrontier(full.FrontierPath))
        {
            Assert.Equal(frontier.CommittedLength(Path.GetFileName(open)[..^WarcWriter.OpenSuffix.Length]), new FileInfo(open).Length);
            var done = frontier.All().Where(e => e.Kind == UrlKind.Page && e.State == UrlState.Done).ToList();
            doneBefore = done.Count;
            positionsBefore = done.ToDictionary(e => e.Url, e => (e.WarcFile, e.WarcOffset));
        }
        Assert.True(disk!.Peak > new FileInfo(open).Length, $"peak {disk.Peak}, now {new FileInfo(open).Length}");
        Assert.InRange(doneBefore, 1, Pages - 1);
        var readable = WarcReader.Read(open).ToList();
        Assert.Equal("warcinfo", readable[0].Type);
        Assert.Equal(doneBefore, readable.Count(r => r.Type == "response" && r.TargetUri!.EndsWith(".html")));

        // Resumed with room: the open file is published as it was, nothing done is fetched again, and a build reads it all.
        var resumed = new WebCrawler(options, crawlDir, server.Map("disk.test"));
        var summary = await resumed.RunAsync();
        Assert.Equal(Pages, summary.PagesDone);
        Assert.Empty(Directory.GetFiles(resumed.WarcDirectory, "*" + WarcWriter.OpenSuffix));
        Assert.Equal(2, WebCrawler.WarcFiles(resumed.WarcDirectory).Count);
        using (var frontier = new CrawlFrontier(resumed.FrontierPath))
        {
            var after = frontier.All().ToDictionary(e => e.Url);
            foreach (var (url, at) in positionsBefore) Assert.Equal(at, (after[url].WarcFile, after[url].WarcOffset));
        }
        // Pages committed before the disk filled were not fetched again; those of the failed write were (never committed).
        Assert.All(positionsBefore.Keys, url => Assert.Single(server.Seen, r => "http://disk.test" + r.Path == url));
        Assert.All(Enumerable.Range(0, Pages), i => Assert.Contains(server.Seen, r => r.Path == $"/p{i}.html"));
        var pages = await new WarcPageSource(WebCrawler.WarcFiles(resumed.WarcDirectory)).ReadAsync(default).ToListAsync();
        Assert.Equal(Enumerable.Range(0, Pages).Select(i => $"http://disk.test/p{i}.html").Order(), pages.Select(p => p.Url).Order());

        var recipe = dir.File("corpus.yaml");
        File.WriteAllText(recipe, $"name: fulldisk\nversion: 1.0.0\nsources:\n  warc: [{Path.Combine(resumed.WarcDirectory, "*.warc.gz")}]\n");
        var build = await CliRunner.RunAsync("build", recipe, "--out", dir.File("out"));
        Assert.True(build.ExitCode == 0, build.Error + build.Output);
        Assert.Equal((long)Pages, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Lit(Path.Combine(dir.File("out"), "1.0.0", "*", "*.parquet"))}"));
    }

    private static byte[] RandomBytes(int n)
    {
        var bytes = new byte[n];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void A_head_is_captured_whole_however_the_connection_splits_it_and_an_interim_100_is_skipped()
    {
        var request = "GET /a HTTP/1.1\r\nHost: a.test\r\n\r\n"u8.ToArray();
        var wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody"u8.ToArray();
        var head = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"u8.ToArray();
        // Every split into two pieces, and byte by byte.
        for (var cut = 0; cut <= wire.Length; cut++)
        {
            var capture = new WireCapture();
            capture.Sent(request.AsSpan(0, Math.Min(cut, request.Length)));
            capture.Sent(request.AsSpan(Math.Min(cut, request.Length)));
            capture.Received(wire.AsSpan(0, cut));
            capture.Received(wire.AsSpan(cut));
            Assert.Equal(request, capture.RequestHead);
            Assert.Equal(head, capture.ResponseHead);
        }
        var bytewise = new WireCapture();
        foreach (var b in request) bytewise.Sent([b]);
        foreach (var b in wire) bytewise.Received([b]);
        Assert.Equal(request, bytewise.RequestHead);
        Assert.Equal(head, bytewise.ResponseHead);
        // A CR LF CR that ends one read and the LF that starts the next still end the head.
        var split = new WireCapture();
        split.Received("HTTP/1.1 204 No Content\r\nX: y\r\n\r"u8);
        Assert.Null(split.ResponseHead);
        split.Received("\nrest"u8);
        Assert.Equal("HTTP/1.1 204 No Content\r\nX: y\r\n\r\n"u8.ToArray(), split.ResponseHead);
    }

    [Theory]
    [InlineData("%PDF-1.7\n", "application/pdf")]
    [InlineData("\u0089PNG\r\n\u001a\n....", "image/png")]
    [InlineData("GIF89a....", "image/gif")]
    [InlineData("PK\u0003\u0004....", "application/zip")]
    [InlineData("<html>\u0001binary</html>", "application/octet-stream")]
    [InlineData("<!doctype html><p>caf\u00e9</p>", null)]
    [InlineData("\ufeff<p>bom</p>", null)]
    public void Sniffing_follows_the_whatwg_patterns(string start, string? sniffed) =>
        Assert.Equal(sniffed, ContentSniffer.NotHtml(start.StartsWith('\u0089') ? Encoding.Latin1.GetBytes(start) : Encoding.UTF8.GetBytes(start)));

    [Fact]
    public void Sniffing_calls_a_page_binary_for_exactly_the_whatwg_binary_data_bytes_within_the_sniffed_start()
    {
        for (var b = 0; b < 0x20; b++)
        {
            var page = Encoding.ASCII.GetBytes("<html><p>a page</p></html>");
            page[8] = (byte)b;
            var binary = b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F);
            Assert.Equal(binary ? "application/octet-stream" : null, ContentSniffer.NotHtml(page));
        }
        // WHATWG looks at the first 1445 bytes only.
        var late = Encoding.ASCII.GetBytes("<html>" + new string('a', 1439) + "\u0001</html>");
        Assert.Null(ContentSniffer.NotHtml(late));
        late[1444] = 0x01;
        Assert.Equal("application/octet-stream", ContentSniffer.NotHtml(late));
    }
}
