namespace Corpus.Crawling.Politeness;

/// <summary>A URL handed to a worker, holding one of its host's slots until <see cref="HostScheduler.Release"/>.</summary>
public sealed record Lease(string Url, string Host, Frontier.FrontierEntry Entry);

/// <summary>
/// Decides which queued URL goes next: at most <c>perHost</c> requests in flight per host and <c>global</c> overall,
/// a host's next request no sooner than its delay after the previous one ended (the larger of the recipe's
/// minimum delay and robots.txt's Crawl-delay), and no request to a host that answered 429/503 until its
/// Retry-After has passed. Hosts take turns, so one big site does not starve the others. Within a visit, every
/// further request to a host (robots.txt, each redirect hop, each retry) waits its turn through <see cref="PaceAsync"/>,
/// and says when its answer ended through <see cref="Answered"/>: a slow answer does not eat into the host's rest.
/// A lease has two ends: <see cref="Release"/> frees the host's slot when its requests are over, and <see cref="Settle"/>
/// says its outcome is recorded (what it revealed is queued by then); the scheduler is finished only when every lease is
/// settled, so a URL a visit revealed is never missed, while the host's next request does not wait for the recording.
/// </summary>
public sealed class HostScheduler(int perHost, int global, TimeProvider? clock = null)
{
    private sealed class HostQueue
    {
        public readonly PriorityQueue<Frontier.FrontierEntry, (int, long)> Items = new();
        public int Active;
        public DateTimeOffset NotBefore;
        public TimeSpan Delay;
        // The latest request sent and the latest answer ended (or failed): the next request waits its delay after both.
        public DateTimeOffset? LastRequest;
        public DateTimeOffset? LastAnswer;
    }

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, HostQueue> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];
    private readonly Lock _lock = new();
    private int _active;
    // Leases handed out and not yet settled (their visits' outcomes still being recorded): at least _active.
    private int _unsettled;
    private int _next;
    // Completed when a worker starts waiting for a lease: whoever records outcomes in groups should record now.
    private TaskCompletionSource? _idle;
    // Workers waiting for a lease, each on its own signal: a freed slot or a queued URL wakes as many as it can use,
    // not every idle worker to find nothing and sleep again.
    private readonly List<TaskCompletionSource> _waiting = [];
    private bool _finished;

    public static string HostOf(string url) => new Uri(url).Authority.ToLowerInvariant();

    public int Queued { get { lock (_lock) return _hosts.Values.Sum(h => h.Items.Count); } }
    public int Active { get { lock (_lock) return _active; } }

    public void Enqueue(Frontier.FrontierEntry entry) => Enqueue([entry]);

    /// <summary>Queues URLs (discovery resources first, then pages in the order they were found) and wakes workers for them.</summary>
    public void Enqueue(IReadOnlyCollection<Frontier.FrontierEntry> entries)
    {
        if (entries.Count == 0) return;
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                var q = QueueOf(HostOf(entry.Url));
                q.Items.Enqueue(entry, (-entry.Priority, entry.Sequence));
            }
            Pulse(entries.Count);
        }
    }

    private HostQueue QueueOf(string host)
    {
        if (!_hosts.TryGetValue(host, out var q))
        {
            _hosts[host] = q = new HostQueue();
            _order.Add(host);
        }
        return q;
    }

    /// <summary>
    /// Waits until a request to <paramref name="host"/> (an authority, e.g. <c>site.test:8080</c>) may go out, its delay
    /// after the previous answer ended, and books the slot: every request to a host, whatever caused it, goes through
    /// here. With one request at a time per host, that is the whole rule. With several (<c>perHost</c> &gt; 1) a request
    /// may be sent while others are still answered: it waits its delay after the latest request sent and after the
    /// latest answer ended so far, so no two requests start closer than the delay and none starts sooner than the delay
    /// after an answer arrived.
    /// </summary>
    public async ValueTask PaceAsync(string host, CancellationToken ct)
    {
        host = host.ToLowerInvariant();
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var q = QueueOf(host);
                var now = _clock.GetUtcNow();
                var at = q.LastRequest is { } last ? last + q.Delay : now;
                if (q.LastAnswer is { } answer && answer + q.Delay > at) at = answer + q.Delay;
                if (q.NotBefore > at) at = q.NotBefore;
                if (at <= now)
                {
                    q.LastRequest = now;
                    return;
                }
                wait = at - now;
            }
            await Task.Delay(wait, _clock, ct);
        }
    }

    /// <summary>
    /// Says a request to <paramref name="host"/> is over (answered, failed or timed out): the host's next request waits
    /// its delay from now. Called once for each request sent to the host, when it is over.
    /// </summary>
    public void Answered(string host)
    {
        lock (_lock)
        {
            var q = QueueOf(host.ToLowerInvariant());
            var now = _clock.GetUtcNow();
            if (q.LastAnswer is not { } last || now > last) q.LastAnswer = now;
        }
    }

    /// <summary>Sets a host's delay between requests (never below what was set before).</summary>
    public void SetDelay(string host, TimeSpan delay)
    {
        lock (_lock)
        {
            var q = QueueOf(host.ToLowerInvariant());
            if (delay > q.Delay) q.Delay = delay;
        }
    }

    /// <summary>The next URL whose host may be asked now; null when nothing is queued or in flight any more.</summary>
    public async Task<Lease?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            TaskCompletionSource signal;
            TimeSpan? wait = null;
            lock (_lock)
            {
                var now = _clock.GetUtcNow();
                if (_active < global)
                {
                    for (var i = 0; i < _order.Count; i++)
                    {
                        var host = _order[(_next + i) % _order.Count];
                        var q = _hosts[host];
                        if (q.Items.Count == 0 || q.Active >= perHost) continue;
                        if (q.NotBefore > now)
                        {
                            var w = q.NotBefore - now;
                            if (wait is null || w < wait) wait = w;
                            continue;
                        }
                        var entry = q.Items.Dequeue();
                        q.Active++;
                        _active++;
                        _unsettled++;
                        _next = (_next + i + 1) % _order.Count;
                        return new Lease(entry.Url, host, entry);
                    }
                }
                if (_finished || (_unsettled == 0 && wait is null && _hosts.Values.All(h => h.Items.Count == 0)))
                {
                    // Done: every other waiting worker is told so too.
                    _finished = true;
                    Pulse(int.MaxValue);
                    return null;
                }
                signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add(signal);
                if (_idle is { } idle)
                {
                    _idle = null;
                    idle.TrySetResult();
                }
            }
            try
            {
                if (wait is { } delay) await Task.WhenAny(signal.Task, Task.Delay(delay, _clock, ct));
                else await signal.Task.WaitAsync(ct);
            }
            finally
            {
                // Woken by the timer or cancelled: the signal must not swallow a wake-up meant for a worker still waiting.
                lock (_lock) _waiting.Remove(signal);
            }
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Completes when a worker is waiting for a lease (at once if one is): outcomes recorded in groups should be
    /// recorded now, as what they reveal may be the work it waits for.
    /// </summary>
    public Task WorkerWaiting()
    {
        lock (_lock)
        {
            if (_waiting.Count > 0 || _finished) return Task.CompletedTask;
            return (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>
    /// Says that <paramref name="count"/> released leases have their outcomes recorded and what they revealed queued:
    /// when none is left unsettled and nothing is queued, the waiting workers are told the crawl is over.
    /// </summary>
    public void Settle(int count = 1)
    {
        lock (_lock)
        {
            _unsettled -= count;
            if (_unsettled == 0) Pulse(int.MaxValue);
        }
    }

    /// <summary>Frees the lease's slot; the host rests for its delay, or for <paramref name="backOff"/> if longer.</summary>
    public void Release(Lease lease, TimeSpan? backOff = null)
    {
        lock (_lock)
        {
            var q = _hosts[lease.Host];
            q.Active--;
            _active--;
            var rest = q.Delay;
            if (backOff is { } b && b > rest) rest = b;
            var until = _clock.GetUtcNow() + rest;
            if (until > q.NotBefore) q.NotBefore = until;
            Pulse(1);
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> waiting workers, longest waiting first (under the lock).</summary>
    private void Pulse(int count)
    {
        var n = Math.Min(count, _waiting.Count);
        for (var i = 0; i < n; i++) _waiting[i].TrySetResult();
        _waiting.RemoveRange(0, n);
    }
}
