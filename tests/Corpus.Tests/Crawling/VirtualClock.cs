namespace Corpus.Tests.Crawling;

/// <summary>
/// A clock on which every wait ends at once: a timer moves the time forward to its due time and fires. A crawl run
/// on it keeps its schedule (each request stamped no earlier than its host's delay after the previous one) without
/// waiting on the wall clock, so politeness is checked on the clock's own times, deterministically.
/// </summary>
public sealed class VirtualClock(DateTimeOffset? start = null) : TimeProvider
{
    private long _ticks = (start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the time forward to <paramref name="to"/> (never back).</summary>
    public void AdvanceTo(DateTimeOffset to)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _ticks);
            if (to.UtcTicks <= seen) return;
        } while (Interlocked.CompareExchange(ref _ticks, to.UtcTicks, seen) != seen);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Timer(this, callback, state, dueTime);

    private sealed class Timer : ITimer
    {
        private readonly VirtualClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private volatile bool _disposed;

        public Timer(VirtualClock clock, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            (_clock, _callback, _state) = (clock, callback, state);
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed || dueTime == Timeout.InfiniteTimeSpan) return !_disposed;
            _clock.AdvanceTo(_clock.GetUtcNow() + dueTime);
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                if (_disposed) return;
                try { _callback(_state); }
                catch (ObjectDisposedException) { }   // a timer racing the end of what it timed
            }, null);
            return true;
        }

        public void Dispose() => _disposed = true;
        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
