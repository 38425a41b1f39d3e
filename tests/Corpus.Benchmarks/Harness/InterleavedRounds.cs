using System.Diagnostics;
using System.Globalization;

namespace Corpus.Benchmarks.Harness;

/// <summary>
/// Contenders measured in interleaved rounds against one reference in the same process, so that a ratio compares
/// work done in the same minute of a shared machine. Each round runs the reference, then every contender, then the
/// reference again; a contender's figure for the round is its CPU per item over the mean of the two reference runs
/// around it. The report gives the median of the rounds and their range, so a claim can be made from the median and
/// the spread shows how much the machine moved it.
/// <para>
/// CPU time is the measuring thread's own (<c>CLOCK_THREAD_CPUTIME_ID</c>): other processes on the machine, the
/// runtime's background JIT and background GC do not count, while the work and the garbage collections it triggers on
/// this thread do. The process's CPU over the same interval is kept too, as a cross-check.
/// </para>
/// </summary>
public sealed class InterleavedRounds(string referenceName, int referenceItems, Action reference)
{
    private readonly List<(string Name, int Items, Action Work)> _contenders = [];

    public void Add(string name, int items, Action work) => _contenders.Add((name, items, work));

    /// <summary>One contender's figures over all rounds.</summary>
    public sealed record Result(string Name, double[] Ratios, double[] ProcessRatios, double[] ItemsPerCpuSecond, double AllocatedPerItem)
    {
        public double Median => RoundFigures.Median(Ratios);
    }

    /// <summary>
    /// Calibrates each loop to last about <paramref name="roundSeconds"/> of CPU (the first runs also warm the JIT and
    /// let tiered compilation settle), then runs <paramref name="rounds"/> measured rounds.
    /// </summary>
    public (Result Reference, List<Result> Contenders) Run(int rounds, double roundSeconds)
    {
        var all = new List<(string Name, int Items, Action Work)> { (referenceName, referenceItems, reference) };
        all.AddRange(_contenders);
        var loops = new int[all.Count];
        for (var c = 0; c < all.Count; c++)
        {
            // Two warm-up passes, then time a third to size the loop.
            all[c].Work();
            all[c].Work();
            var before = RoundFigures.ThreadCpuSeconds();
            all[c].Work();
            var once = Math.Max(RoundFigures.ThreadCpuSeconds() - before, 1e-4);
            loops[c] = Math.Max(1, (int)Math.Ceiling(roundSeconds / once));
        }
        var ratios = all.Select(_ => new double[rounds]).ToArray();
        var processRatios = all.Select(_ => new double[rounds]).ToArray();
        var perSecond = all.Select(_ => new double[rounds]).ToArray();
        var allocated = new long[all.Count];
        var items = new long[all.Count];
        for (var r = 0; r < rounds; r++)
        {
            var first = Measure(all[0].Work, loops[0]);
            var runs = new (double Thread, double Process, long Allocated)[all.Count];
            for (var c = 1; c < all.Count; c++) runs[c] = Measure(all[c].Work, loops[c]);
            var last = Measure(all[0].Work, loops[0]);
            runs[0] = ((first.Thread + last.Thread) / 2, (first.Process + last.Process) / 2, (first.Allocated + last.Allocated) / 2);
            var referenceItemsPerRun = (double)all[0].Items * loops[0];
            var refThread = runs[0].Thread / referenceItemsPerRun;
            var refProcess = runs[0].Process / referenceItemsPerRun;
            for (var c = 0; c < all.Count; c++)
            {
                var n = (double)all[c].Items * loops[c];
                ratios[c][r] = runs[c].Thread / n / refThread;
                processRatios[c][r] = runs[c].Process / n / refProcess;
                perSecond[c][r] = n / runs[c].Thread;
                allocated[c] += runs[c].Allocated;
                items[c] += (long)n;
            }
        }
        var results = all.Select((a, c) => new Result(a.Name, ratios[c], processRatios[c], perSecond[c], (double)allocated[c] / Math.Max(1, items[c]))).ToList();
        return (results[0], results.Skip(1).ToList());
    }

    private static (double Thread, double Process, long Allocated) Measure(Action work, int loops)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var processBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var before = RoundFigures.ThreadCpuSeconds();
        for (var l = 0; l < loops; l++) work();
        var thread = RoundFigures.ThreadCpuSeconds() - before;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        process.Refresh();
        return (thread, (process.TotalProcessorTime - processBefore).TotalSeconds, allocated);
    }

    public static string Times(double x) => x.ToString("0.000", CultureInfo.InvariantCulture) + "x";
}
