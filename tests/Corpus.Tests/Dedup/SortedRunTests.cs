using System.Runtime.InteropServices;
using Corpus.Dedup.Staging;

namespace Corpus.Tests.Dedup;

/// <summary>The external sort: the struct-order sort, the buffer that grows up to its budget, and the merge of the runs.</summary>
public sealed class SortedRunTests
{
    /// <summary>Records with few distinct values per field, so ties on the leading fields are common.</summary>
    private static BucketRecord[] Records(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => new BucketRecord((ulong)random.Next(3), (ulong)random.Next(50), random.Next(40), random.Next(-2, 3)))
            .ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(25)]
    [InlineData(1000)]
    [InlineData(20000)]
    public void Sorts_as_the_comparer_sorts(int count)
    {
        var records = Records(count, count);
        var expected = records.ToArray();
        Array.Sort(expected, default(BucketOrder));

        StructSort.Sort(records.AsSpan(), default(BucketOrder));

        Assert.Equal(expected, records);
    }

    /// <summary>
    /// Records like the signature stage's, and worse: bands (high key 0) beside exact and URL spaces (high key random),
    /// keys shared by several documents, documents out of order, spaces far apart.
    /// </summary>
    private static BucketRecord[] Keyed(int count, int seed, int spaceSpread)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, Math.Max(1, count / 3)).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63)).ToArray();
        return Enumerable.Range(0, count).Select(_ =>
        {
            var space = random.Next(-2, 14) * spaceSpread;
            var high = space < 0 && random.Next(4) > 0 ? keys[random.Next(keys.Length)] : 0;
            var low = random.Next(3) == 0 ? (ulong)random.Next(5) : keys[random.Next(keys.Length)];
            return new BucketRecord(high, low, random.Next(count + 1), space);
        }).ToArray();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(65, 1)]
    [InlineData(3000, 1)]
    [InlineData(40000, 1)]
    [InlineData(3000, 1000)] // spaces too far apart for the split: the comparison sort
    public void The_bucket_radix_sort_sorts_as_the_comparer_sorts(int count, int spaceSpread)
    {
        var records = Keyed(count, count + spaceSpread, spaceSpread);
        var expected = records.ToArray();
        Array.Sort(expected, default(BucketOrder));

        BucketSort.Sort(records.AsSpan());

        Assert.Equal(expected, records);
    }

    [Fact]
    public void The_bucket_radix_sort_takes_few_distinct_values()
    {
        var records = Records(20000, 3);
        var expected = records.ToArray();
        Array.Sort(expected, default(BucketOrder));

        BucketSort.Sort(records.AsSpan());

        Assert.Equal(expected, records);
    }

    [Fact]
    public void Sorts_already_ordered_and_reversed_input()
    {
        var sorted = Enumerable.Range(0, 5000).Select(i => new LineRecord(1, 0, (ulong)i, i)).ToArray();
        var reversed = sorted.Reverse().ToArray();
        var same = Enumerable.Repeat(new LineRecord(7, 7, 7, 7), 3000).ToArray();

        StructSort.Sort(reversed.AsSpan(), default(LineOrder));
        var ascending = sorted.ToArray();
        StructSort.Sort(ascending.AsSpan(), default(LineOrder));
        StructSort.Sort(same.AsSpan(), default(LineOrder));

        Assert.Equal(sorted, reversed);
        Assert.Equal(sorted, ascending);
        Assert.All(same, r => Assert.Equal(new LineRecord(7, 7, 7, 7), r));
    }

    [Fact]
    public void The_buffer_grows_with_the_input_and_spills_at_the_budget()
    {
        var folder = Path.Combine(Path.GetTempPath(), "corpus-sorted-runs", Guid.NewGuid().ToString("N"));
        try
        {
            const int budget = 3 * SortedRunWriter<BucketRecord, BucketOrder>.InitialRecords + 5;
            var small = new SortedRunWriter<BucketRecord, BucketOrder>(folder, "small", budget);
            small.Add(new BucketRecord(1, 2, 3, 4));
            Assert.Equal(SortedRunWriter<BucketRecord, BucketOrder>.InitialRecords, small.Capacity); // not the budget
            small.Complete();

            var records = Records(2 * budget + 10, 7);
            var big = new SortedRunWriter<BucketRecord, BucketOrder>(folder, "big", budget);
            foreach (var r in records) big.Add(r);
            Assert.Equal(budget, big.Capacity);
            big.Complete();

            // Runs of exactly the budget, each the sorted slice of the input it took.
            Assert.Equal(3, big.Files.Count);
            for (var run = 0; run < 3; run++)
            {
                var expected = records.Skip(run * budget).Take(budget).ToArray();
                Array.Sort(expected, default(BucketOrder));
                Assert.Equal(expected, MemoryMarshal.Cast<byte, BucketRecord>(File.ReadAllBytes(big.Files[run])).ToArray());
            }
            Assert.Single(small.Files);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 100)]
    [InlineData(9000, 10000)] // one run, more than one read chunk
    [InlineData(25000, 3000)] // nine runs
    public void The_merge_gives_every_record_of_every_run_in_order(int count, int budget)
    {
        var folder = Path.Combine(Path.GetTempPath(), "corpus-sorted-runs", Guid.NewGuid().ToString("N"));
        try
        {
            var records = Records(count, count + 1);
            var writer = new SortedRunWriter<BucketRecord, BucketOrder>(folder, "task-000", budget);
            foreach (var r in records) writer.Add(r);
            writer.Complete();
            var expected = records.ToArray();
            Array.Sort(expected, default(BucketOrder));

            var merged = new List<BucketRecord>();
            using (var merger = new RunMerger<BucketRecord, BucketOrder>(WorkLayout.RunFiles(folder)))
                while (merger.Next(out var r)) merged.Add(r);

            Assert.Equal((count + budget - 1) / budget, writer.Files.Count);
            Assert.Equal(expected, merged);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
