namespace Corpus.Dedup.Staging;

/// <summary>External sort, second half: a k-way merge of sorted run files into one sorted stream.</summary>
public static class RunMerger<T, TOrder>
    where T : unmanaged
    where TOrder : struct, IComparer<T>
{
    public static IEnumerable<T> Merge(IEnumerable<string> runFiles)
    {
        var readers = runFiles.Select(f => RecordFile.Read<T>(f).GetEnumerator()).ToList();
        try
        {
            // Ties between runs break on the run index so the merge is deterministic.
            var order = default(TOrder);
            var queue = new PriorityQueue<int, (T Record, int Run)>(
                Comparer<(T Record, int Run)>.Create((x, y) => order.Compare(x.Record, y.Record) is var c && c != 0 ? c : x.Run.CompareTo(y.Run)));
            for (var i = 0; i < readers.Count; i++)
                if (readers[i].MoveNext()) queue.Enqueue(i, (readers[i].Current, i));
            while (queue.TryDequeue(out var run, out var item))
            {
                yield return item.Record;
                if (readers[run].MoveNext()) queue.Enqueue(run, (readers[run].Current, run));
            }
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }
}
