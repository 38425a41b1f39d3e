using System.Runtime.InteropServices;

namespace Corpus.Dedup.Staging;

/// <summary>
/// External sort, first half: buffers records up to a fixed budget, then sorts and spills them as one run file.
/// Memory stays at the budget whatever the input size; <see cref="RunMerger{T,TOrder}"/> merges the runs.
/// </summary>
public sealed class SortedRunWriter<T, TOrder>(string directory, string prefix, int bufferRecords) : IDisposable
    where T : unmanaged
    where TOrder : struct, IComparer<T>
{
    private readonly T[] _buffer = new T[Math.Max(1, bufferRecords)];
    private int _count;
    private int _runs;

    public IReadOnlyList<string> Files => _files;
    private readonly List<string> _files = [];

    public void Add(in T record)
    {
        if (_count == _buffer.Length) Spill();
        _buffer[_count++] = record;
    }

    public void Complete()
    {
        if (_count > 0) Spill();
    }

    private void Spill()
    {
        var span = _buffer.AsSpan(0, _count);
        span.Sort(default(TOrder));
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
