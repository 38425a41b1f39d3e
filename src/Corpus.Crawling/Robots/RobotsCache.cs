using System.Collections.Concurrent;
using System.Globalization;

namespace Corpus.Crawling.Robots;

/// <summary>
/// How a host's robots.txt was obtained, for the caller to archive and act on. <see cref="Postpone"/> is set while
/// the file is unavailable (5xx, unreachable): the URL is not failed but put back until robots.txt is asked again.
/// </summary>
public sealed record RobotsAnswer(RobotsTxt Rules, string Why, Fetching.FetchOutcome? Fetched)
{
    public TimeSpan? Postpone { get; init; }
}

/// <summary>When a host whose robots.txt is unavailable is asked again, and when the crawl gives up on it.</summary>
public sealed record RobotsRetryPolicy
{
    /// <summary>The first wait after a 5xx or unreachable robots.txt; it doubles with each failure that follows.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>The longest single wait between two asks.</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>After this long unavailable (since the first failure), the host's URLs fail with the reason.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromHours(2);
}

/// <summary>
/// robots.txt per host (scheme + authority), cached until it expires. RFC 9309 §2.3.1: a 4xx file means no rules;
/// a 5xx or an unreachable host means disallow everything <i>for now</i>: the host's URLs are postponed and the file
/// is asked again after <see cref="RobotsRetryPolicy.FirstRetry"/>, doubling (up to <see cref="RobotsRetryPolicy.MaxRetry"/>),
/// until it answers or <see cref="RobotsRetryPolicy.GiveUpAfter"/> has passed since the first failure; then the
/// host's URLs fail with that reason.
/// </summary>
public sealed class RobotsCache(Fetching.HttpFetcher fetcher, string userAgent, TimeSpan cacheFor, RobotsRetryPolicy retry, TimeProvider? clock = null,
    Func<Uri, CancellationToken, ValueTask>? pace = null, Action<Uri>? answered = null)
{
    private sealed record Entry(RobotsAnswer Answer, DateTimeOffset Expires, DateTimeOffset? FailingSince, int Failures);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public RobotsCache(Fetching.HttpFetcher fetcher, string userAgent, TimeSpan cacheFor, TimeSpan retryAfter, TimeProvider? clock = null)
        : this(fetcher, userAgent, cacheFor, new RobotsRetryPolicy { FirstRetry = retryAfter }, clock) { }

    /// <summary>The rules for the URL's host; <see cref="RobotsAnswer.Fetched"/> is set only when this call fetched the file.</summary>
    public async Task<RobotsAnswer> GetAsync(Uri url, CancellationToken ct)
    {
        var key = $"{url.Scheme}://{url.Authority}";
        if (Cached(key) is { } hit) return hit;
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (Cached(key) is { } again) return again;
            _cache.TryGetValue(key, out var before);
            var outcome = await fetcher.FetchAsync(new Fetching.FetchRequest(key + "/robots.txt") { BeforeEachRequest = pace, AfterEachRequest = answered }, ct);
            var now = _clock.GetUtcNow();
            var status = outcome.Final?.Status ?? 0;
            Entry entry;
            if (outcome.Succeeded && outcome.Body is { } body)
                entry = new Entry(new RobotsAnswer(RobotsTxt.Parse(Discovery.SitemapReader.Text(body, 512 * 1024), userAgent), "robots.txt", outcome), now + cacheFor, null, 0);
            else if (status is >= 400 and < 500)
                entry = new Entry(new RobotsAnswer(RobotsTxt.AllowAll, $"robots.txt answered {status}: no rules", outcome), now + cacheFor, null, 0);
            else if (outcome.AddressRefused)
                // The guard's refusal is this crawl's own decision: asking again would not change it.
                entry = new Entry(new RobotsAnswer(RobotsTxt.DisallowAll, outcome.Error!, outcome), now + cacheFor, null, 0);
            else
            {
                var since = before?.FailingSince ?? now;
                var failures = (before?.FailingSince is null ? 0 : before.Failures) + 1;
                var problem = status > 0 ? $"HTTP {status}" : outcome.Error;
                if (now - since >= retry.GiveUpAfter)
                {
                    var why = $"robots.txt of {key} unavailable ({problem}) for {Minutes(now - since)} min over {failures} asks, more than {Minutes(retry.GiveUpAfter)} min: gave up on the host";
                    entry = new Entry(new RobotsAnswer(RobotsTxt.DisallowAll, why, outcome), now + cacheFor, since, failures);
                }
                else
                {
                    var wait = retry.FirstRetry * Math.Pow(2, Math.Min(failures - 1, 20));
                    if (wait > retry.MaxRetry) wait = retry.MaxRetry;
                    if (since + retry.GiveUpAfter < now + wait) wait = since + retry.GiveUpAfter - now;
                    var why = $"robots.txt of {key} unavailable ({problem}): the host is treated as disallowed and its URLs wait for the next ask";
                    entry = new Entry(new RobotsAnswer(RobotsTxt.DisallowAll, why, outcome) { Postpone = wait }, now + wait, since, failures);
                }
            }
            _cache[key] = entry;
            return entry.Answer;
        }
        finally
        {
            gate.Release();
        }
    }

    private RobotsAnswer? Cached(string key)
    {
        if (!_cache.TryGetValue(key, out var hit)) return null;
        var now = _clock.GetUtcNow();
        if (hit.Expires <= now) return null;
        var answer = hit.Answer with { Fetched = null };
        return answer.Postpone is null ? answer : answer with { Postpone = hit.Expires - now };
    }

    private static string Minutes(TimeSpan t) => t.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
}
