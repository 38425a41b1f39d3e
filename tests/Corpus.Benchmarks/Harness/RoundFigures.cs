using System.Runtime.InteropServices;

namespace Corpus.Benchmarks.Harness;

/// <summary>What the round-based benchmarks read per round: the measuring thread's own CPU time, and the median of rounds.</summary>
public static class RoundFigures
{
    /// <summary>
    /// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): time on a core, not time
    /// waiting for one, so other processes on the machine do not count.
    /// </summary>
    public static double ThreadCpuSeconds()
    {
        if (clock_gettime(ClockThreadCpuTime, out var t) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return t.Seconds + t.Nanoseconds / 1e9;
    }

    /// <summary>The median (the mean of the middle two for an even count); NaN for no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
