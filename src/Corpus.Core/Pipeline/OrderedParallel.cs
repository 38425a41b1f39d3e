using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Corpus.Core.Pipeline;

/// <summary>
/// A bounded, order-preserving parallel map: items are read in order, each is mapped on the thread pool, and the
/// results come out in input order. At most <c>4 × degree</c> items are in flight, so memory is bounded whatever the
/// input's length, and the output is the same sequence a serial loop gives.
/// </summary>
public static class OrderedParallel
{
    public static async IAsyncEnumerable<TOut> SelectAsync<TIn, TOut>(IAsyncEnumerable<TIn> items, Func<TIn, TOut> map, int degree,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        degree = Math.Max(1, degree);
        if (degree == 1)
        {
            await foreach (var item in items.WithCancellation(ct)) yield return map(item);
            yield break;
        }
        using var slots = new SemaphoreSlim(degree);
        var inFlight = Channel.CreateBounded<Task<TOut>>(new BoundedChannelOptions(4 * degree) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in items.WithCancellation(stop.Token))
                {
                    await slots.WaitAsync(stop.Token);
                    var work = Task.Run(() =>
                    {
                        try { return map(item); }
                        finally { slots.Release(); }
                    }, CancellationToken.None);
                    await inFlight.Writer.WriteAsync(work, stop.Token);
                }
                inFlight.Writer.Complete();
            }
            catch (Exception e)
            {
                inFlight.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var work in inFlight.Reader.ReadAllAsync(CancellationToken.None))
                yield return await work;
            await producer;
        }
        finally
        {
            // Stopped early (an error downstream, or the caller broke off): let the reader and the workers wind down.
            stop.Cancel();
            try { await producer; } catch (Exception) { /* the consumer's own exception is the one that matters */ }
            while (inFlight.Reader.TryRead(out var pending)) try { await pending; } catch (Exception) { }
        }
    }

    /// <summary>The same map over a synchronous sequence (a step streaming from its files): one thread reads the input in order.</summary>
    public static IEnumerable<TOut> Select<TIn, TOut>(IEnumerable<TIn> items, Func<TIn, TOut> map, int degree) =>
        SelectAsync(AsAsync(items), map, degree).ToBlockingEnumerable();

    private static async IAsyncEnumerable<T> AsAsync<T>(IEnumerable<T> items)
    {
        await Task.CompletedTask;
        foreach (var item in items) yield return item;
    }
}
