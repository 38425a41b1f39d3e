using System.Diagnostics;
using System.Globalization;

namespace Corpus.Benchmarks.Harness;

/// <summary>
/// One command run as a child process, measured from outside: wall time, CPU time of the child and every process it
/// waited for (the kernel's <c>cutime + cstime</c> of this process, so task processes a runner starts count too), and
/// the peak of the summed resident memory of the whole process tree, sampled from <c>/proc</c>; and how busy the
/// machine's cores were meanwhile (<see cref="MachineBusy"/>, every process on the machine, ours included), since on a
/// shared machine the cores a run could use are the ones nobody else was using.
/// </summary>
public sealed record ChildProcessRun(string Command, int ExitCode, double Seconds, double CpuSeconds, long PeakTreeRssBytes, double MachineBusy, string Output, string Error)
{
    /// <summary>Cores this run kept busy on average: its CPU seconds over its wall seconds.</summary>
    public double CoresUsed => CpuSeconds / Seconds;

    private const double ClockTicksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(200);

    public static ChildProcessRun Start(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var cpuBefore = ChildrenCpuSeconds();
        var machineBefore = MachineTicks();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(SampleEvery)) peak = Math.Max(peak, TreeRssBytes(process.Id));
        process.WaitForExit();
        clock.Stop();
        var machineAfter = MachineTicks();
        var busy = (double)(machineAfter.Busy - machineBefore.Busy) / Math.Max(1, machineAfter.Total - machineBefore.Total);
        return new ChildProcessRun(string.Join(' ', info.ArgumentList), process.ExitCode, clock.Elapsed.TotalSeconds,
            ChildrenCpuSeconds() - cpuBefore, peak, busy, stdout.Result, stderr.Result);
    }

    /// <summary>The first line of <c>/proc/stat</c>: ticks of all cores, busy (not idle, not waiting for I/O) and in total.</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        var line = File.ReadLines("/proc/stat").First();
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return (total - ticks[3] - ticks[4], total);
    }

    /// <summary>Fields 16 and 17 of <c>/proc/self/stat</c>: CPU of the children this process has waited for, in clock ticks.</summary>
    private static double ChildrenCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    /// <summary>Resident memory of a process and all its descendants now.</summary>
    private static long TreeRssBytes(int root)
    {
        var parents = new Dictionary<int, int>();
        var rss = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                rss[pid] = long.Parse(fields[21], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }
        long total = 0;
        foreach (var pid in rss.Keys)
        {
            for (var p = pid; ; p = parents[p])
            {
                if (p == root) { total += rss[pid]; break; }
                if (!parents.ContainsKey(p) || p <= 1) break;
            }
        }
        return total;
    }
}
