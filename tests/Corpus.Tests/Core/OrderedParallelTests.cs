using Corpus.Core.Pipeline;

namespace Corpus.Tests.Core;

/// <summary>The bounded parallel map keeps input order, reads its input on one thread, and hands on the input's failure.</summary>
public sealed class OrderedParallelTests
{
    [Fact]
    public void A_synchronous_input_comes_out_mapped_in_input_order()
    {
        // Uneven work per item, so that later items often finish first.
        var output = OrderedParallel.Select(Enumerable.Range(0, 2_000), i =>
        {
            Thread.SpinWait((i * 7919) % 5_000);
            return i * 2;
        }, degree: 4).ToList();
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => i * 2), output);
    }

    [Fact]
    public void A_failure_while_reading_the_input_reaches_the_consumer()
    {
        static IEnumerable<int> Input()
        {
            for (var i = 0; i < 100; i++) yield return i;
            throw new InvalidOperationException("the parts do not line up");
        }
        var seen = new List<int>();
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var x in OrderedParallel.Select(Input(), i => i, degree: 2)) seen.Add(x);
        });
        Assert.Equal("the parts do not line up", e.Message);
        Assert.Equal(Enumerable.Range(0, 100), seen);
    }
}
