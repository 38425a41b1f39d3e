using System.Globalization;
using System.Runtime;

namespace Corpus.Pipeline;

/// <summary>
/// What one step of an in-process build costs in memory: the process's peak resident set during the step (Linux's
/// <c>VmHWM</c>, reset as the step starts through <c>/proc/self/clear_refs</c>) and the managed heap the garbage
/// collector held at its end; then one compacting collection, so one step's garbage does not carry into the next
/// step's peak. With <c>CORPUS_TRACE_MEMORY=1</c> it also prints, on standard error, every few seconds
/// and at the step's end, the resident set, the GC heap, its fragmentation and what the GC has committed, and after that
/// collection the bytes still live — so a holder that grows with the corpus shows up as live
/// bytes that grow with it, and garbage the GC had not yet returned shows up as the gap between the two.
/// </summary>
public sealed class MemoryProbe : IDisposable
{
    public const string TraceVariable = "CORPUS_TRACE_MEMORY";

    private readonly string _step;
    private readonly TextWriter? _trace;
    private readonly Timer? _timer;

    private MemoryProbe(string step, TextWriter? trace)
    {
        _step = step;
        _trace = trace;
        ResetPeak();
        if (trace is not null) _timer = new Timer(_ => Sample("during"), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>Starts measuring <paramref name="step"/>; traces on standard error when <see cref="TraceVariable"/> is set.</summary>
    public static MemoryProbe Start(string step) =>
        new(step, Environment.GetEnvironmentVariable(TraceVariable) is "1" or "true" ? Console.Error : null);

    /// <summary>Peak resident megabytes since the step started (since the process started where the peak cannot be reset).</summary>
    public static long PeakRssMb() => StatusKb("VmHWM:") / 1024;

    public static long RssMb() => StatusKb("VmRSS:") / 1024;

    /// <summary>The step's figures as counters, and (tracing) the live bytes after a full collection.</summary>
    public IEnumerable<(string Name, long Value)> Finish()
    {
        _timer?.Dispose();
        var peak = PeakRssMb();
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024);
        if (_trace is not null) Sample("end");
        // The step's garbage (in the process step, gen 2 and large objects the background GC left fragmented) would
        // otherwise sit under the next step's own peak: one compacting collection between steps returns it.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        if (_trace is not null) Sample("after full GC");
        return [("peak_rss_mb", peak), ("gc_heap_mb", heap)];
    }

    public void Dispose() => _timer?.Dispose();

    private void Sample(string when)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        const double mb = 1024 * 1024;
        lock (_trace!)
            _trace.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[memory] {_step,-16} {when,-14} rss {RssMb(),6} MB  peak {PeakRssMb(),6} MB  gc heap {info.HeapSizeBytes / mb,7:0.0} MB  " +
                $"fragmented {info.FragmentedBytes / mb,6:0.0} MB  committed {info.TotalCommittedBytes / mb,7:0.0} MB  " +
                $"allocated so far {GC.GetTotalAllocatedBytes() / mb,9:0} MB  gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
    }

    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Not Linux, or not allowed: the peak is the process's since it started.
        }
    }

    private static long StatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return 0;
    }
}
