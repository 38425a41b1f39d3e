using System.Collections.Concurrent;

namespace Corpus.Parquet.Writing;

/// <summary>
/// One dedicated thread that runs the Parquet encoder's work (column writes, row group closes) in the order given,
/// beside the thread that fills the next batch. One thread rather than the thread pool because Arrow's native allocator
/// keeps a cache per thread: work hopping between pool threads left freed pages of every row group in a different
/// thread's cache, and the process grew by a row group's worth of pages with every few groups.
/// </summary>
internal sealed class EncoderThread : IDisposable
{
    private readonly BlockingCollection<(Action Work, TaskCompletionSource Done)> _queue = new(boundedCapacity: 1);
    private readonly Thread _thread;

    public EncoderThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="work"/> after what is queued; the task completes (or faults) when it has run.</summary>
    public Task Run(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((work, done));
        return done.Task;
    }

    private void Loop()
    {
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}
