using System.Runtime.InteropServices;

namespace Corpus.Dedup.Staging;

/// <summary>
/// External sort, first half: buffers records up to a fixed budget, then sorts and spills them as one run file.
/// Memory stays at the budget whatever the input size; <see cref="RunMerger{T,TOrder}"/> merges the runs.
/// </summary>
/// <remarks>
/// The buffer starts small and doubles up to the budget as records come, so a small input holds a small buffer
/// (a one-document stage no longer takes the whole <c>spill_mb</c>). Runs are spilled at the same counts as before.
/// </remarks>
public sealed class SortedRunWriter<T, TOrder>(string directory, string prefix, int bufferRecords) : IDisposable
    where T : unmanaged
    where TOrder : struct, IComparer<T>
{
    /// <summary>Records the buffer holds before it first grows.</summary>
    public const int InitialRecords = 4096;

    private readonly int _budget = Math.Max(1, bufferRecords);
    private T[] _buffer = new T[Math.Min(Math.Max(1, bufferRecords), InitialRecords)];
    private int _count;
    private int _runs;

    public IReadOnlyList<string> Files => _files;
    private readonly List<string> _files = [];

    /// <summary>Records the buffer can hold now (grows to the budget).</summary>
    public int Capacity => _buffer.Length;

    public void Add(in T record)
    {
        if (_count == _buffer.Length)
        {
            if (_count == _budget) Spill();
            else Array.Resize(ref _buffer, (int)Math.Min(_budget, 2L * _buffer.Length));
        }
        _buffer[_count++] = record;
    }

    public void Complete()
    {
        if (_count > 0) Spill();
    }

    private void Spill()
    {
        var span = _buffer.AsSpan(0, _count);
        // Bucket records, the most numerous, by radix; same order, same bytes.
        if (typeof(T) == typeof(BucketRecord) && typeof(TOrder) == typeof(BucketOrder)) BucketSort.Sort(MemoryMarshal.Cast<T, BucketRecord>(span));
        else StructSort.Sort(span, default(TOrder));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{prefix}-run-{_runs++:D5}.bin");
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            stream.Write(MemoryMarshal.AsBytes(span));
        File.Move(temp, path, overwrite: true); // a run is visible only when whole
        _files.Add(path);
        _count = 0;
    }

    public void Dispose() { }
}
