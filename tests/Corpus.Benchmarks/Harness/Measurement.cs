using System.Diagnostics;
using System.Globalization;

namespace Corpus.Benchmarks.Harness;

/// <summary>One contender's numbers from one run: time, work done, allocations and peak memory.</summary>
public sealed record Measurement(string Name, int Items, double Seconds, long AllocatedBytes, long PeakWorkingSetBytes, double CpuSeconds)
{
    public double ItemsPerSecond => Items / Seconds;
    public double AllocatedPerItem => (double)AllocatedBytes / Math.Max(1, Items);

    /// <summary>
    /// Runs <paramref name="work"/> once to warm up, then <paramref name="repeats"/> times measured; reports the fastest
    /// run (the least disturbed by the other process on this 2-core machine).
    /// </summary>
    public static Measurement Run(string name, int items, Action work, int repeats = 3)
    {
        work();
        Measurement? best = null;
        for (var r = 0; r < repeats; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            work();
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
            process.Refresh();
            var m = new Measurement(name, items, clock.Elapsed.TotalSeconds, allocated, process.PeakWorkingSet64,
                (process.TotalProcessorTime - cpuBefore).TotalSeconds);
            if (best is null || m.Seconds < best.Seconds) best = m;
        }
        return best!;
    }

    public string Row(string unit = "items") => string.Format(CultureInfo.InvariantCulture,
        "| {0} | {1:N1} {2}/s | {3:N0} B/{4} | {5:N0} MB | {6:N3} s |",
        Name, ItemsPerSecond, unit, AllocatedPerItem, unit.TrimEnd('s'), PeakWorkingSetBytes / (1024.0 * 1024.0), Seconds);
}
