using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Corpus.Dedup.Staging;

/// <summary>
/// External sort, second half: a k-way merge of sorted run files into one sorted stream. Each run is read in chunks
/// straight into a record buffer, and the runs' heads sit in a binary heap compared through the order's struct type
/// (no comparison delegate, no enumerator per record).
/// </summary>
public sealed class RunMerger<T, TOrder> : IDisposable
    where T : unmanaged
    where TOrder : struct, IComparer<T>
{
    private const int ChunkRecords = 4096;

    private readonly Run[] _runs;
    private readonly int[] _heap; // run indices, the smallest head first
    private int _size;

    public RunMerger(IEnumerable<string> runFiles)
    {
        _runs = [.. runFiles.Select(f => new Run(f))];
        _heap = new int[_runs.Length];
        try
        {
            for (var i = 0; i < _runs.Length; i++)
                if (_runs[i].Advance()) Push(i);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The next record in order; false when every run is read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out T record)
    {
        if (_size == 0)
        {
            record = default;
            return false;
        }
        var run = _heap[0];
        record = _runs[run].Head;
        if (_runs[run].Advance()) SiftDown(0);
        else
        {
            _heap[0] = _heap[--_size];
            if (_size > 0) SiftDown(0);
        }
        return true;
    }

    /// <summary>Ties between runs break on the run index so the merge is deterministic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Less(int a, int b)
    {
        var c = default(TOrder).Compare(_runs[a].Head, _runs[b].Head);
        return c != 0 ? c < 0 : a < b;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Push(int run)
    {
        var at = _size++;
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Less(run, _heap[parent])) break;
            _heap[at] = _heap[parent];
            at = parent;
        }
        _heap[at] = run;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SiftDown(int at)
    {
        var run = _heap[at];
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= _size) break;
            if (child + 1 < _size && Less(_heap[child + 1], _heap[child])) child++;
            if (!Less(_heap[child], run)) break;
            _heap[at] = _heap[child];
            at = child;
        }
        _heap[at] = run;
    }

    public void Dispose()
    {
        foreach (var r in _runs) r?.Dispose();
    }

    /// <summary>One run file: a chunk of its records and the one at the head.</summary>
    private sealed class Run(string path) : IDisposable
    {
        private readonly FileStream _stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        private readonly T[] _chunk = new T[ChunkRecords];
        private int _at;
        private int _count;

        public T Head;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Advance()
        {
            if (_at == _count && !Fill()) return false;
            Head = _chunk[_at++];
            return true;
        }

        private bool Fill()
        {
            var bytes = MemoryMarshal.AsBytes(_chunk.AsSpan());
            var total = 0;
            while (total < bytes.Length)
            {
                var n = _stream.Read(bytes[total..]);
                if (n == 0) break;
                total += n;
            }
            if (total % Marshal.SizeOf<T>() != 0) throw new InvalidDataException($"{_stream.Name}: truncated record file.");
            _count = total / Marshal.SizeOf<T>();
            _at = 0;
            return _count > 0;
        }

        public void Dispose() => _stream.Dispose();
    }
}
