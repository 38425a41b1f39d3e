using System.Collections.Concurrent;

namespace Corpus.Crawling.Robots;

/// <summary>How a host's robots.txt was obtained, for the caller to archive and act on.</summary>
public sealed record RobotsAnswer(RobotsTxt Rules, string Why, Fetching.FetchOutcome? Fetched);

/// <summary>
/// robots.txt per host (scheme + authority), cached until it expires. RFC 9309 §2.3.1: a 4xx file means no rules;
/// a 5xx or an unreachable host means disallow everything — for <c>retryAfter</c>, then it is asked again.
/// </summary>
public sealed class RobotsCache(Fetching.HttpFetcher fetcher, string userAgent, TimeSpan cacheFor, TimeSpan retryAfter, TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, (RobotsAnswer Answer, DateTimeOffset Expires)> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The rules for the URL's host; <see cref="RobotsAnswer.Fetched"/> is set only when this call fetched the file.</summary>
    public async Task<RobotsAnswer> GetAsync(Uri url, CancellationToken ct)
    {
        var key = $"{url.Scheme}://{url.Authority}";
        if (_cache.TryGetValue(key, out var hit) && hit.Expires > _clock.GetUtcNow()) return hit.Answer with { Fetched = null };
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (_cache.TryGetValue(key, out hit) && hit.Expires > _clock.GetUtcNow()) return hit.Answer with { Fetched = null };
            var outcome = await fetcher.FetchAsync(new Fetching.FetchRequest(key + "/robots.txt"), ct);
            RobotsAnswer answer;
            var expires = _clock.GetUtcNow() + cacheFor;
            var status = outcome.Final?.Status ?? 0;
            if (outcome.Succeeded && outcome.Body is { } body)
                answer = new RobotsAnswer(RobotsTxt.Parse(Discovery.SitemapReader.Text(body, 512 * 1024), userAgent), "robots.txt", outcome);
            else if (status is >= 400 and < 500)
                answer = new RobotsAnswer(RobotsTxt.AllowAll, $"robots.txt answered {status}: no rules", outcome);
            else
            {
                answer = new RobotsAnswer(RobotsTxt.DisallowAll,
                    $"robots.txt unavailable ({(status > 0 ? $"HTTP {status}" : outcome.Error)}): the host is treated as disallowed", outcome);
                expires = _clock.GetUtcNow() + retryAfter;
            }
            _cache[key] = (answer, expires);
            return answer;
        }
        finally
        {
            gate.Release();
        }
    }
}
