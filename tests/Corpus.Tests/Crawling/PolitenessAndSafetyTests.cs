using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Robots;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

/// <summary>The host map from the recipe (crawl.resolve), the guard behind a proxy, robots.txt that answers 5xx, and a crawl that fetches nothing.</summary>
public sealed class PolitenessAndSafetyTests
{
    private static Dictionary<string, FrontierEntry> States(WebCrawler crawler)
    {
        using var frontier = new CrawlFrontier(crawler.FrontierPath);
        return frontier.All().ToDictionary(e => e.Url);
    }

    [Fact]
    public async Task Crawl_resolve_lets_only_the_named_host_reach_the_test_server_and_the_guard_stays_on_for_the_rest()
    {
        await using var server = new MisbehavingServer();
        server.On("site0.test/robots.txt", new CannedResponse(404, []));
        server.On("site0.test/a.html", CannedResponse.Html("<p>a</p>"));
        server.On("site0.test/jump.html", CannedResponse.Redirect($"http://{server.EndPoint}/a.html"));
        using var dir = new TempDir();
        var recipe = RecipeLoader.Parse($$"""
            name: resolvetest
            version: 1.0.0
            sources:
              seeds: [http://site0.test/a.html, http://site0.test/jump.html]
            crawl:
              allowed_hosts: [site0.test, 127.0.0.1]
              min_delay_ms: 0
              retries: 0
              resolve: {"site0.test": "{{server.EndPoint}}"}
            """, "corpus.yaml");
        var options = CrawlOptions.FromRecipe(recipe, "test");
        Assert.False(options.Fetch.AllowPrivateNetworks);
        var summary = await CrawlSource.RunCrawlAsync(recipe, dir.Path, false, null, "test", null, CancellationToken.None);

        Assert.Equal(1, summary.PagesDone);
        var states = States(new WebCrawler(options, dir.Path));
        Assert.Equal(UrlState.Done, states["http://site0.test/a.html"].State);
        Assert.Contains("127.0.0.1 resolves to 127.0.0.1, a loopback address", states["http://site0.test/jump.html"].LastError);
        Assert.DoesNotContain(server.Seen, r => r.Host == "127.0.0.1");
    }

    [Theory]
    [InlineData("  resolve: {a.test: nowhere}", "crawl.resolve")]
    [InlineData("  proxy: ftp://proxy", "crawl.proxy")]
    public void Resolve_and_proxy_are_validated(string line, string key)
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse($"name: t\nversion: 1.0.0\nsources:\n  seeds: [http://a.test/]\ncrawl:\n{line}\n", "corpus.yaml"));
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public async Task Behind_a_proxy_the_guard_judges_the_target_not_the_proxy()
    {
        // The test server plays the proxy: it answers absolute-form requests for any host.
        await using var proxy = new MisbehavingServer();
        proxy.On("public.test/robots.txt", new CannedResponse(404, []));
        proxy.On("public.test/page.html", CannedResponse.Html("<p>through the proxy</p>"));
        proxy.On("public.test/jump.html", CannedResponse.Redirect("http://169.254.169.254/latest/meta-data/"));
        using var dir = new TempDir();
        var options = TestCrawl.Options(["public.test", "169.254.169.254"]) with
        {
            Seeds = ["http://public.test/page.html", "http://public.test/jump.html"],
            Fetch = TestCrawl.Options([]).Fetch with { Proxy = new Uri($"http://{proxy.EndPoint}"), Retries = 0 },
        };
        var crawler = new WebCrawler(options, dir.Path, proxy.Map("public.test"));
        await crawler.RunAsync();

        var states = States(crawler);
        Assert.Equal(UrlState.Done, states["http://public.test/page.html"].State);
        Assert.Contains(proxy.Seen, r => r.Host == "public.test" && r.Path == "/page.html");
        Assert.Contains("169.254.169.254 resolves to 169.254.169.254, a link-local address", states["http://public.test/jump.html"].LastError);
        Assert.DoesNotContain(proxy.Seen, r => r.Host == "169.254.169.254");
    }

    [Fact]
    public async Task Http_proxy_variables_are_ignored_so_the_guard_judges_every_target_and_nothing_goes_to_that_proxy()
    {
        // The real corpus crawl in a child process with HTTP_PROXY and its kin pointing at a loopback "proxy" that would
        // answer anything, the cloud metadata address included. Honouring them would hand the target to the proxy (and the
        // guard would judge the proxy's address instead); Corpus uses a proxy only when crawl.proxy names one.
        await using var server = new MisbehavingServer();
        server.On("direct.test/robots.txt", new CannedResponse(404, []));
        server.On("direct.test/page.html", CannedResponse.Html("<p>straight from the site</p>"));
        server.On("direct.test/jump.html", CannedResponse.Redirect("http://169.254.169.254/latest/meta-data/"));
        await using var proxy = new MisbehavingServer();
        proxy.On("direct.test/robots.txt", new CannedResponse(404, []));
        proxy.On("direct.test/page.html", CannedResponse.Html("<p>from the proxy</p>"));
        proxy.On("direct.test/jump.html", CannedResponse.Redirect("http://169.254.169.254/latest/meta-data/"));
        proxy.On("169.254.169.254/latest/meta-data/", CannedResponse.Html("secret-token", "text/plain"));
        using var dir = new TempDir();
        File.WriteAllText(dir.File("corpus.yaml"), $$"""
            name: proxyenv
            version: 1.0.0
            sources:
              seeds: [http://direct.test/page.html, http://direct.test/jump.html]
            crawl:
              allowed_hosts: [direct.test, 169.254.169.254]
              min_delay_ms: 0
              retries: 0
              connect_timeout_seconds: 2
              resolve: {"direct.test": "{{server.EndPoint}}"}
            """);
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "corpus.dll"), "crawl", dir.File("corpus.yaml"), "--out", dir.File("crawl") })
            info.ArgumentList.Add(a);
        foreach (var name in new[] { "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy" })
            info.Environment[name] = $"http://{proxy.EndPoint}";
        info.Environment.Remove("NO_PROXY");
        info.Environment.Remove("no_proxy");
        using var child = System.Diagnostics.Process.Start(info)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        Assert.True(child.ExitCode == 0, await error + await output);

        Assert.Empty(proxy.Seen);
        Assert.Contains(server.Seen, r => r.Host == "direct.test" && r.Path == "/page.html");
        var crawler = new WebCrawler(TestCrawl.Options(["direct.test"]), dir.File("crawl"));
        var states = States(crawler);
        Assert.Equal(UrlState.Done, states["http://direct.test/page.html"].State);
        Assert.Contains("169.254.169.254 resolves to 169.254.169.254, a link-local address", states["http://direct.test/jump.html"].LastError);
        var page = Assert.Single(await new Corpus.Crawling.Warc.WarcPageSource(WebCrawler.WarcFiles(crawler.WarcDirectory)).ReadAsync(default).ToListAsync(),
            p => p.Url == "http://direct.test/page.html");
        Assert.Equal("<p>straight from the site</p>", System.Text.Encoding.UTF8.GetString(page.Body.Span));
    }

    [Fact]
    public async Task The_minimum_per_host_delay_spaces_every_request_redirect_hops_and_retries_included_without_a_crawl_delay()
    {
        var clock = new VirtualClock();
        await using var server = new MisbehavingServer(clock);
        server.On("pace.test/robots.txt", new CannedResponse(404, []));
        server.On("pace.test/a.html", CannedResponse.Redirect("/b.html"));
        server.On("pace.test/b.html", CannedResponse.Html("<p>b</p>"));
        server.On("pace.test/c.html", n => n == 1 ? new CannedResponse(503, []) : CannedResponse.Html("<p>c</p>"));
        for (var i = 0; i < 4; i++) server.On($"pace.test/p{i}.html", CannedResponse.Html($"<p>{i}</p>"));
        using var dir = new TempDir();
        var options = TestCrawl.Options(["pace.test"]) with
        {
            Seeds = ["http://pace.test/a.html", "http://pace.test/c.html", .. Enumerable.Range(0, 4).Select(i => $"http://pace.test/p{i}.html")],
            MinDelay = TimeSpan.FromSeconds(2),
        };
        var crawler = new WebCrawler(options, dir.Path, server.Map("pace.test"), clock);
        await crawler.RunAsync();

        Assert.All(States(crawler).Values, s => Assert.Equal(UrlState.Done, s.State));
        var seen = server.Seen.Where(r => r.Host == "pace.test").OrderBy(r => r.At).ToList();
        Assert.Contains(seen, r => r.Path == "/b.html");               // the redirect hop is in
        Assert.Equal(2, seen.Count(r => r.Path == "/c.html"));       // and so is the retry
        // Measured from the end of the previous answer, the rule the crawler keeps: on the shared virtual clock a request's
        // own arrival may be stamped late (another wait moved the clock on meanwhile); its answer is stamped before the
        // crawler can be done with it.
        foreach (var (previous, next, rest) in server.RestsBetween("pace.test"))
            Assert.True(rest >= TimeSpan.FromSeconds(2), $"{previous.Path} → {next.Path}: {rest.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_robots_txt_answering_5xx_postpones_its_host_asks_again_with_back_off_and_gives_up_after_the_set_time()
    {
        var clock = new VirtualClock();
        await using var server = new MisbehavingServer(clock);
        server.On("flap.test/robots.txt", n => n <= 3 ? new CannedResponse(500, []) : new CannedResponse(404, []));
        server.On("flap.test/a.html", CannedResponse.Html("<p>a</p>"));
        server.On("flap.test/b.html", CannedResponse.Html("<p>b</p>"));
        server.On("dead.test/robots.txt", new CannedResponse(503, []));
        server.On("dead.test/a.html", CannedResponse.Html("<p>never</p>"));
        using var dir = new TempDir();
        var options = TestCrawl.Options(["flap.test", "dead.test"]) with
        {
            Seeds = ["http://flap.test/a.html", "http://flap.test/b.html", "http://dead.test/a.html"],
            // The request and connect timeouts run on the real clock: on a loaded machine a robots.txt answer held up past
            // them would count as one more failure and one more ask. Every answer here comes at once, so none is needed.
            Fetch = TestCrawl.Options([]).Fetch with { Retries = 0, RequestTimeout = TimeSpan.FromMinutes(10), ConnectTimeout = TimeSpan.FromMinutes(10) },
            RobotsRetry = new RobotsRetryPolicy { FirstRetry = TimeSpan.FromMinutes(1), MaxRetry = TimeSpan.FromMinutes(30), GiveUpAfter = TimeSpan.FromHours(1) },
            // dead.test's back-off moves the virtual clock an hour on; flap.test's answered file must outlive that, or a
            // page fetched after the jump would ask a fifth time depending on which worker ran first.
            RobotsCacheFor = TimeSpan.FromDays(1),
        };
        var crawler = new WebCrawler(options, dir.Path, server.Map("flap.test", "dead.test"), clock);
        await crawler.RunAsync();

        var states = States(crawler);
        Assert.Equal(UrlState.Done, states["http://flap.test/a.html"].State);
        Assert.Equal(UrlState.Done, states["http://flap.test/b.html"].State);
        var flapAsks = server.Seen.Where(r => r.Host == "flap.test" && r.Path == "/robots.txt").Select(r => r.At).ToList();
        Assert.Equal(4, flapAsks.Count);
        // Back-off doubles: at least 1, 2, 4 minutes between asks (the virtual clock may run ahead, never behind).
        var gaps = flapAsks.Zip(flapAsks.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps[0] >= TimeSpan.FromMinutes(1) && gaps[1] >= TimeSpan.FromMinutes(2) && gaps[2] >= TimeSpan.FromMinutes(4), string.Join(", ", gaps));

        Assert.Equal(UrlState.Failed, states["http://dead.test/a.html"].State);
        Assert.Contains("gave up on the host", states["http://dead.test/a.html"].LastError);
        Assert.True(server.Seen.Count(r => r.Host == "dead.test" && r.Path == "/robots.txt") >= 3);
        Assert.DoesNotContain(server.Seen, r => r.Host == "dead.test" && r.Path == "/a.html");
    }

    [Fact]
    public async Task Corpus_crawl_exits_1_with_the_failure_reasons_when_no_page_was_fetched()
    {
        await using var server = new MisbehavingServer();
        using var dir = new TempDir();
        File.WriteAllText(dir.File("corpus.yaml"), $$"""
            name: nothing
            version: 1.0.0
            sources:
              seeds: [http://empty.test/a.html, http://empty.test/b.html]
            crawl:
              min_delay_ms: 0
              retries: 0
              resolve: {"empty.test": "{{server.EndPoint}}"}
            """);
        var result = await CliRunner.RunAsync("crawl", dir.File("corpus.yaml"), "--out", dir.File("crawl"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The crawl of nothing fetched no page (2 × HTTP … from <url>)", result.Error);
        Assert.Contains("URLs done 0, failed 2", result.Output);
    }
}
