using System.Diagnostics;
using System.Threading.Channels;
using Corpus.Core.Documents;
using Corpus.Crawling.Discovery;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Politeness;
using Corpus.Crawling.Robots;
using Corpus.Crawling.Urls;
using Corpus.Crawling.Warc;

namespace Corpus.Crawling.Crawler;

/// <summary>
/// A polite, resumable crawl into a folder: <c>frontier.sqlite</c> (every URL and its state) and <c>warc/</c>
/// (every exchange). Run it again on the same folder after a crash and it continues: committed URLs are not
/// fetched again, in-flight ones are re-queued, and the WARC is cut back to what the frontier says is complete.
/// With <see cref="CrawlOptions.OwnsHost"/> set (one task of a partitioned crawl), URLs on hosts it does not own are
/// never fetched: they go to the frontier's handover table, committed with the completion that revealed them.
/// </summary>
public sealed class WebCrawler(CrawlOptions options, string directory, HostMap? hosts = null, TimeProvider? clock = null)
{
    private const int DiscoveryPriority = 2;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Stopwatch _elapsed = new();
    private int _fetched, _failed;
    private long _bytes;
    private HostScheduler? _scheduler;
    private Func<Uri, CancellationToken, ValueTask>? _pace;
    private Action<Uri>? _answered;
    // A page URL may turn out to be a feed or sitemap (a seed, a listed or linked URL): with linked_feeds its XML types are fetched too.
    private readonly IReadOnlySet<string> _pageTypes = options.LinkedFeeds
        ? new HashSet<string>(options.ContentTypes.Concat(CrawlOptions.FeedContentTypes), StringComparer.OrdinalIgnoreCase)
        : options.ContentTypes;

    /// <summary>Opens a WARC file for writing; a test swaps in a stream that runs out of space.</summary>
    internal Func<string, Stream>? OpenWarcFile { get; init; }

    public string WarcDirectory => Path.Combine(directory, "warc");
    public string FrontierPath => Path.Combine(directory, "frontier.sqlite");

    public CrawlStatus Status => new(_fetched, _failed, _scheduler?.Queued ?? 0, _scheduler?.Active ?? 0, Interlocked.Read(ref _bytes), _elapsed.Elapsed);

    public async Task<CrawlSummary> RunAsync(bool recrawl = false, CancellationToken ct = default)
    {
        _elapsed.Start();
        _handed = 0;
        Directory.CreateDirectory(directory);
        using var frontier = new CrawlFrontier(FrontierPath) { PageLimit = options.MaxPages };
        WarcWriter.Recover(WarcDirectory, frontier.CommittedLength);
        var requeued = frontier.ResumeUnfinished();
        if (recrawl) frontier.RequeueForRecrawl();
        frontier.Add(StartUrls());
        if (options.ExtraStartUrls.Count > 0)
        {
            var extra = options.ExtraStartUrls.Where(u => options.OutOfScope(u.Url) is null).ToList();
            frontier.Add(extra.Where(u => options.Owns(u.Url)));
            frontier.HandOver(extra.Where(u => !options.Owns(u.Url)));
        }

        var scheduler = _scheduler = new HostScheduler(options.PerHostConcurrency, options.Concurrency, _clock);
        scheduler.Enqueue(frontier.Queued());
        var map = hosts ?? new HostMap();
        foreach (var (host, target) in options.Resolve) map.Resolve(host, target);
        using var fetcher = new HttpFetcher(options.Fetch, map, _clock);
        // Every request to a host, robots.txt's included, waits its turn before it is sent and starts the host's rest when it is over.
        _pace = (u, token) => scheduler.PaceAsync(u.Authority, token);
        _answered = u => scheduler.Answered(u.Authority);
        var robots = new RobotsCache(fetcher, options.Fetch.UserAgent, options.RobotsCacheFor, options.RobotsRetry, _clock, _pace, _answered);
        using var writer = OpenWarcFile is { } open
            ? new WarcWriter(WarcDirectory, options.WarcPrefix, options.WarcFileBytes, options.Software) { OpenFile = open }
            : new WarcWriter(WarcDirectory, options.WarcPrefix, options.WarcFileBytes, options.Software);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Workers fetch and compress; one archiver appends what they finished to the WARC and commits it to the frontier
        // in groups: one write and one transaction for up to GroupCommit visits, or for what has piled up as soon as a
        // worker waits for work (what the group reveals may be that work). A host's slot is freed when its visit's
        // requests are over; the lease is settled once the visit is committed, and the crawl ends only when all are.
        var finished = Channel.CreateUnbounded<Finished>(new UnboundedChannelOptions { SingleReader = true });
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var archiver = Task.Run(async () =>
        {
            try
            {
                await ArchiveAsync(finished.Reader, frontier, scheduler, writer, closed.Task);
            }
            catch (Exception)
            {
                // A full disk stops the workers: the crawl resumes from the frontier.
                await stop.CancelAsync();
                throw;
            }
        }, CancellationToken.None);
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(_ => Task.Run(async () =>
            {
                try
                {
                    await WorkAsync(scheduler, fetcher, robots, finished.Writer, stop.Token);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    await stop.CancelAsync();
                    throw;
                }
            }, ct)).ToList();
        try
        {
            try
            {
                await Task.WhenAll(workers);
            }
            finally
            {
                finished.Writer.TryComplete();
                closed.TrySetResult();
                // Visits already handed over are committed even when the crawl is stopped.
                await Task.WhenAny(archiver);
            }
            await archiver;
        }
        catch (Exception) when (!ct.IsCancellationRequested && workers.Append(archiver).Select(w => w.Exception?.InnerException).OfType<IOException>().FirstOrDefault() is { } io)
        {
            throw new Corpus.Core.CorpusUserException(
                $"Writing the crawl in {directory} failed ({io.Message}); free space and run the crawl again on the same folder to resume.");
        }
        var last = writer.Current;
        writer.Close();
        if (last is { } l) frontier.Complete([], [], (l.File, new FileInfo(Path.Combine(WarcDirectory, l.File)).Length));
        _elapsed.Stop();
        var (done, failed, pagesDone, errors) = frontier.Summary();
        return new CrawlSummary(directory, WarcFiles(WarcDirectory), done, failed, requeued)
        {
            PagesDone = pagesDone,
            FailureReasons = errors.GroupBy(CrawlSummary.ReasonKind)
                .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The closed WARC files of a crawl folder's <c>warc/</c>, in name (= writing) order.</summary>
    public static IReadOnlyList<string> WarcFiles(string warcDirectory) =>
        Directory.Exists(warcDirectory)
            ? Directory.GetFiles(warcDirectory, "*.warc.gz").Order(StringComparer.Ordinal).ToList()
            : [];

    private IEnumerable<NewUrl> StartUrls()
    {
        foreach (var s in options.Sitemaps) if (InScopeAndOwned(s) is { } u) yield return new NewUrl(u, UrlKind.Sitemap, 0, null, DiscoveryPriority);
        foreach (var f in options.Feeds) if (InScopeAndOwned(f) is { } u) yield return new NewUrl(u, UrlKind.Feed, 0, null, DiscoveryPriority);
        foreach (var s in options.Seeds) if (InScopeAndOwned(s) is { } u) yield return new NewUrl(u, UrlKind.Page, 0, null, 1);
    }

    private string? InScope(string url) => UrlNormalizer.Normalize(url) is { } n && options.OutOfScope(n) is null ? n : null;

    /// <summary>A start URL on a host another task owns is that task's to add: it reads the same recipe.</summary>
    private string? InScopeAndOwned(string url) => InScope(url) is { } n && options.Owns(n) ? n : null;

    /// <summary>A visit done by a worker, its records compressed, waiting for the archiver to write and commit it.</summary>
    private sealed record Finished(Lease Lease, Visit Work, WarcMembers Records, List<NewUrl> Discovered, List<NewUrl>? HandOver);

    private async Task WorkAsync(HostScheduler scheduler, HttpFetcher fetcher, RobotsCache robots, ChannelWriter<Finished> archive, CancellationToken ct)
    {
        while (await scheduler.NextAsync(ct) is { } lease)
        {
            var handed = false;
            TimeSpan? backOff = null;
            try
            {
                Visit work;
                try
                {
                    work = await VisitAsync(lease, scheduler, fetcher, robots, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // A bug or surprise on one URL fails that URL with the reason, never the whole crawl.
                    var error = $"crawler error on {lease.Url}: {e.GetType().Name}: {e.Message}";
                    work = new Visit(new Completion { Url = lease.Url, State = UrlState.Failed, Error = error }) { PageRecord = 0 };
                    work.Records.Add(ExchangeRecords.Failure(lease.Url, error, 1, _clock.GetUtcNow(), lease.Entry.Kind == UrlKind.Page ? null : "discovery"));
                }
                // Records were compressed as they were made, and splitting by owner happens here, in parallel, not in the archiver's turn.
                var records = work.Records;
                var discovered = options.OwnsHost is null ? work.Discovered : work.Discovered.Where(u => options.Owns(u.Url)).ToList();
                var handOver = options.OwnsHost is null ? null : work.Discovered.Where(u => !options.Owns(u.Url)).ToList();
                backOff = work.BackOff;
                handed = archive.TryWrite(new Finished(lease, work, records, discovered, handOver));
                if (handed && Interlocked.Increment(ref _handed) >= GroupCommit) Volatile.Read(ref _groupFull)?.TrySetResult();
            }
            finally
            {
                scheduler.Release(lease, backOff);
                if (!handed) scheduler.Settle();
            }
        }
    }

    /// <summary>Most visits written and committed in one group while every worker has work.</summary>
    internal const int GroupCommit = 128;
    /// <summary>Visits handed to the archiver and not yet taken into a group.</summary>
    private int _handed;
    /// <summary>Completed by the worker whose visit fills a group.</summary>
    private TaskCompletionSource? _groupFull;

    /// <summary>Writes and commits finished visits in groups, then queues what they revealed and settles their leases.</summary>
    private async Task ArchiveAsync(ChannelReader<Finished> finished, CrawlFrontier frontier, HostScheduler scheduler, WarcWriter writer, Task closed)
    {
        var batch = new List<Finished>();
        while (true)
        {
            // The first visit of a group (false: the workers are done and everything is committed).
            if (!await finished.WaitToReadAsync(CancellationToken.None)) break;
            // The group stays open while every worker has work, until it is full: the archiver wakes once per group, not
            // once per visit. A worker that waits for work (what the group reveals may be that work) or the workers'
            // end closes it at once.
            while (Volatile.Read(ref _handed) < GroupCommit && !closed.IsCompleted)
            {
                var waiting = scheduler.WorkerWaiting();
                if (waiting.IsCompleted) break;
                var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _groupFull, full);
                if (Volatile.Read(ref _handed) >= GroupCommit) break;
                await Task.WhenAny(waiting, full.Task, closed);
            }
            while (batch.Count < GroupCommit && finished.TryRead(out var item)) batch.Add(item);
            Interlocked.Add(ref _handed, -batch.Count);
            if (batch.Count == 0) continue;
            try
            {
                var written = new WarcMembers[batch.Count];
                for (var i = 0; i < written.Length; i++) written[i] = batch[i].Records;
                var positions = writer.Append(written);
                foreach (var members in written) members.Release();
                var visits = new List<CompletedVisit>(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    var work = batch[i].Work;
                    var completion = work.Completion;
                    if (work.PageRecord is { } index && index < positions[i].Count)
                        completion = completion with { WarcFile = positions[i][index].File, WarcOffset = positions[i][index].Offset };
                    visits.Add(new CompletedVisit([completion], batch[i].Discovered, work.RedirectTargets, batch[i].HandOver));
                }
                scheduler.Enqueue(frontier.Complete(visits, writer.Current));
            }
            catch (Exception)
            {
                scheduler.Settle(batch.Count);
                throw;
            }
            foreach (var (lease, work, _, _, _) in batch)
            {
                if (work.Completion.State == UrlState.Queued) scheduler.Enqueue(lease.Entry);
                else if (work.Completion.State == UrlState.Done) Interlocked.Increment(ref _fetched);
                else Interlocked.Increment(ref _failed);
                Interlocked.Add(ref _bytes, work.Bytes);
            }
            scheduler.Settle(batch.Count);
            batch.Clear();
        }
    }

    /// <summary>What one visit produced, archived and committed together.</summary>
    private sealed class Visit(Completion completion)
    {
        public Completion Completion { get; set; } = completion;
        /// <summary>The visit's records, each compressed into its gzip member by the worker as it is made.</summary>
        public WarcMembers Records { get; } = new();
        public int? PageRecord { get; set; }
        public List<NewUrl> Discovered { get; } = [];
        public List<NewUrl> RedirectTargets { get; } = [];
        public TimeSpan? BackOff { get; set; }
        public long Bytes { get; set; }

        /// <summary>Puts the records of the robots.txt fetches this visit made first (their buffer goes back to the pool).</summary>
        public void AddPreamble(WarcMembers? preamble)
        {
            if (preamble is null) return;
            Records.Add(preamble);
            preamble.Release();
        }
    }

    private async Task<Visit> VisitAsync(Lease lease, HostScheduler scheduler, HttpFetcher fetcher, RobotsCache robotsCache, CancellationToken ct)
    {
        var entry = lease.Entry;
        var uri = new Uri(entry.Url);
        var isPage = entry.Kind == UrlKind.Page;
        var role = isPage ? null : "discovery";

        var robots = await robotsCache.GetAsync(uri, ct);
        var hostDelay = options.NoDelayHosts.Contains(uri.Host) ? TimeSpan.Zero : options.MinDelay;
        if (robots.Rules.CrawlDelay is { } crawlDelay) hostDelay = Max(hostDelay, crawlDelay < options.MaxCrawlDelay ? crawlDelay : options.MaxCrawlDelay);
        scheduler.SetDelay(lease.Host, hostDelay);
        // What robots.txt fetches this visit made add (most visits: none, so nothing is allocated for it).
        WarcMembers? preamble = null;
        List<NewUrl>? preambleDiscovered = null;
        ArchiveRobots(robots, ref preamble, ref preambleDiscovered);

        Visit visit;
        if (robots.Postpone is { } postpone)
        {
            // RFC 9309 §2.3.1.3: unavailable robots.txt is a full disallow for now; the URL waits for the next ask.
            visit = new Visit(new Completion { Url = entry.Url, State = UrlState.Queued, Error = robots.Why }) { BackOff = postpone };
            visit.AddPreamble(preamble);
        }
        else if (!robots.Rules.Allows(uri.PathAndQuery))
        {
            var error = ReferenceEquals(robots.Rules, RobotsTxt.DisallowAll)
                ? robots.Why
                : $"robots.txt disallows {uri.PathAndQuery} ({robots.Rules.Deciding(uri.PathAndQuery) ?? robots.Why})";
            visit = new Visit(new Completion { Url = entry.Url, State = UrlState.Failed, Error = error });
            visit.AddPreamble(preamble);
            visit.PageRecord = visit.Records.Count;
            visit.Records.Add(ExchangeRecords.Failure(entry.Url, error, 0, _clock.GetUtcNow(), role));
        }
        else
        {
            var request = new FetchRequest(entry.Url)
            {
                Target = uri,
                AcceptedTypes = isPage ? _pageTypes : null,
                RedirectPolicy = async (next, token) =>
                {
                    if (UrlNormalizer.Normalize(next.AbsoluteUri) is not { } n) return "not an http(s) URL";
                    if (options.OutOfScope(n) is { } outOfScope) return outOfScope;
                    // Each hop is a request to its host: its robots.txt decides, like for a URL of its own.
                    var hopRobots = await robotsCache.GetAsync(next, token);
                    ArchiveRobots(hopRobots, ref preamble, ref preambleDiscovered);
                    if (hopRobots.Postpone is not null || !hopRobots.Rules.Allows(next.PathAndQuery))
                        return ReferenceEquals(hopRobots.Rules, RobotsTxt.DisallowAll)
                            ? hopRobots.Why
                            : $"robots.txt disallows {next.PathAndQuery} ({hopRobots.Rules.Deciding(next.PathAndQuery) ?? hopRobots.Why})";
                    return null;
                },
                BeforeEachRequest = _pace,
                AfterEachRequest = _answered,
                IfNoneMatch = isPage ? entry.ETag : null,
                IfModifiedSince = isPage ? entry.LastModified : null,
            };
            var outcome = await fetcher.FetchAsync(request, ct);
            visit = Record(entry, outcome, role, preamble);
        }
        if (preambleDiscovered is not null) visit.Discovered.InsertRange(0, preambleDiscovered);
        return visit;
    }

    /// <summary>Archives a robots.txt this visit fetched (and queues its Sitemap: lines).</summary>
    private void ArchiveRobots(RobotsAnswer robots, ref WarcMembers? preamble, ref List<NewUrl>? found)
    {
        if (robots.Fetched is not { } robotsFetch) return;
        var records = preamble ??= new WarcMembers();
        var discovered = found ??= [];
        foreach (var hop in robotsFetch.Hops) AddPair(records, hop, "discovery", null);
        if (robotsFetch.Final is { } f) AddPair(records, f, "discovery", null);
        else if (robotsFetch.Error is { } e) records.Add(ExchangeRecords.Failure(robotsFetch.RequestedUrl, e, robotsFetch.Attempts, _clock.GetUtcNow(), "discovery"));
        if (options.RobotsSitemaps)
            foreach (var s in robots.Rules.Sitemaps)
                if (InScope(s) is { } u) discovered.Add(new NewUrl(u, UrlKind.Sitemap, 0, robotsFetch.RequestedUrl, DiscoveryPriority));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void AddPair(WarcMembers records, Exchange x, string? role, string? requested) => ExchangeRecords.Pair(x, role, requested, records);

    private Visit Record(FrontierEntry entry, FetchOutcome outcome, string? role, WarcMembers? preamble)
    {
        var final = outcome.Final;
        var state = outcome.Succeeded || outcome.NotModified ? UrlState.Done : UrlState.Failed;
        var visit = new Visit(new Completion
        {
            Url = entry.Url, State = state, Attempts = outcome.Attempts, Error = outcome.Error,
            FinalUrl = final?.Url.AbsoluteUri, ETag = final?.ETag, LastModified = final?.LastModified,
        })
        { BackOff = outcome.RetryAfter };
        visit.AddPreamble(preamble);
        foreach (var hop in outcome.Hops) AddPair(visit.Records, hop, "redirect", entry.Url);
        visit.Bytes = outcome.Hops.Sum(h => (long)h.Payload.Length) + (final?.Payload.Length ?? 0);
        if (outcome.NotModified)
        {
            var (request, revisit) = ExchangeRecords.NotModified(final!, Original(entry));
            visit.Records.Add(request);
            visit.Records.Add(revisit);
            return visit;
        }
        var kind = entry.Kind;
        if (kind == UrlKind.Page && outcome.Succeeded && FeedOnlyType(final!.ContentType) is { } media)
        {
            // Fetched only because it might be a feed or sitemap: read as one if its root says so, refused like any other type if not.
            string? turnedOut;
            try
            {
                turnedOut = SitemapReader.RootKind(SitemapReader.Text(outcome.Body!, options.Fetch.MaxDecodedBytes));
            }
            catch (Exception e) when (e is InvalidDataException or BodyTooLargeException)
            {
                turnedOut = null;
            }
            if (turnedOut is null)
            {
                var error = $"content-type {media} is not accepted (XML that is neither a feed nor a sitemap)";
                visit.Completion = visit.Completion with { State = UrlState.Failed, Error = error };
                visit.PageRecord = visit.Records.Count;
                visit.Records.Add(ExchangeRecords.Failure(entry.Url, error, outcome.Attempts, _clock.GetUtcNow(), role));
                return visit;
            }
            kind = turnedOut;
            role = "discovery";
            visit.Completion = visit.Completion with { Kind = kind };
        }
        if (kind == UrlKind.Page && outcome.Succeeded && outcome.Body is { } sniffBody && ContentSniffer.NotHtml(sniffBody) is { } sniffed)
        {
            // Archived as it came; a page of it would be binary noise, so the URL fails with the rule.
            AddPair(visit.Records, final!, role, entry.Url);
            visit.PageRecord = visit.Records.Count - 1;
            visit.Completion = visit.Completion with { State = UrlState.Failed, Error = ContentSniffer.Reason(final!.Url.AbsoluteUri, sniffed, final.ContentType) };
            return visit;
        }
        // A response with a body the crawl could use, or an HTTP error status, is archived as it came; anything
        // else (refused type, cap, bomb, timeout, loop) is a note saying why.
        if (final is not null && (outcome.Succeeded || final.Status is < 200 or >= 300))
        {
            AddPair(visit.Records, final, role, entry.Url);
            visit.PageRecord = visit.Records.Count - 1;
        }
        else
        {
            visit.PageRecord = visit.Records.Count;
            visit.Records.Add(ExchangeRecords.Failure(entry.Url, outcome.Error ?? "no response", outcome.Attempts, _clock.GetUtcNow(), role));
        }
        // Without a redirect the final URL is the entry's own (already normalised): nothing to normalise again.
        if (final is not null && outcome.Hops.Count > 0 && UrlNormalizer.Normalize(final.Url.AbsoluteUri) is { } finalUrl && finalUrl != entry.Url)
            visit.RedirectTargets.Add(new NewUrl(finalUrl, UrlKind.RedirectTarget, entry.Depth, entry.Url));
        if (outcome.Succeeded && outcome.Body is { } body)
        {
            try
            {
                Discover(kind == entry.Kind ? entry : entry with { Kind = kind }, final!, body, visit);
            }
            catch (Exception e) when (e is System.Xml.XmlException or FormatException or InvalidDataException or BodyTooLargeException)
            {
                // A broken sitemap or feed fails itself, not the crawl.
                visit.Completion = visit.Completion with { State = UrlState.Failed, Error = $"{entry.Kind} {entry.Url} could not be read: {e.Message}" };
            }
        }
        return visit;
    }

    /// <summary>The media type of a response fetched only as a possible feed or sitemap (not one of the page types), else null.</summary>
    private string? FeedOnlyType(string? contentType)
    {
        if (!options.LinkedFeeds || contentType is null) return null;
        var media = contentType.Split(';', 2)[0].Trim();
        return CrawlOptions.FeedContentTypes.Contains(media) && !options.ContentTypes.Contains(media) ? media.ToLowerInvariant() : null;
    }

    /// <summary>The record a conditional re-fetch was made against (the URL's archived page), for the revisit to refer to.</summary>
    private WarcRecord? Original(FrontierEntry entry)
    {
        if (entry.WarcFile is not { } file || entry.WarcOffset is not { } offset) return null;
        var path = Path.Combine(WarcDirectory, file);
        if (!File.Exists(path)) path += WarcWriter.OpenSuffix;
        try
        {
            return File.Exists(path) ? WarcReader.ReadAt(path, offset) : null;
        }
        catch (Exception e) when (e is IOException or WarcFormatException)
        {
            return null;
        }
    }

    private void Discover(FrontierEntry entry, Exchange final, byte[] body, Visit visit)
    {
        var baseUrl = final.Url.AbsoluteUri;
        switch (entry.Kind)
        {
            case UrlKind.Sitemap:
                var sitemap = SitemapReader.Parse(SitemapReader.Text(body, options.Fetch.MaxDecodedBytes), baseUrl);
                foreach (var child in sitemap.ChildSitemaps)
                    if (InScope(child) is { } c) visit.Discovered.Add(new NewUrl(c, UrlKind.Sitemap, entry.Depth, entry.Url, DiscoveryPriority));
                foreach (var page in sitemap.Entries)
                    if (InScope(page.Url) is { } p) visit.Discovered.Add(new NewUrl(p, UrlKind.Page, 0, entry.Url, 0, page.Published));
                break;
            case UrlKind.Feed:
                foreach (var item in FeedReader.ParseEntries(SitemapReader.Text(body, options.Fetch.MaxDecodedBytes), baseUrl))
                    if (InScope(item.Url) is { } p) visit.Discovered.Add(new NewUrl(p, UrlKind.Page, 0, entry.Url, 0, item.Published));
                break;
            case UrlKind.Page:
                var links = LinkExtractor.Extract(body, baseUrl);
                var canonical = links.Canonical is { } cu ? UrlNormalizer.Normalize(cu) : null;
                if (canonical is not null)
                {
                    visit.Completion = visit.Completion with { Canonical = canonical };
                }
                if (entry.Depth < options.MaxDepth)
                    foreach (var link in links.Links)
                        if (InScope(link) is { } l) visit.Discovered.Add(new NewUrl(l, UrlKind.Page, entry.Depth + 1, entry.Url));
                // Feeds and sitemaps a page links are read as what they are (their items start at depth 0, like the recipe's own).
                if (options.LinkedFeeds)
                {
                    foreach (var feed in links.Feeds)
                        if (InScope(feed) is { } f) visit.Discovered.Add(new NewUrl(f, UrlKind.Feed, entry.Depth, entry.Url, DiscoveryPriority));
                    foreach (var linked in links.Sitemaps)
                        if (InScope(linked) is { } m) visit.Discovered.Add(new NewUrl(m, UrlKind.Sitemap, entry.Depth, entry.Url, DiscoveryPriority));
                }
                break;
        }
    }
}
