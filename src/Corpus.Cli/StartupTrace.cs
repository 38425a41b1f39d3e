using System.Diagnostics;
using System.Globalization;

namespace Corpus.Cli;

/// <summary>
/// Where a process's fixed cost goes, when <c>CORPUS_TRACE_STARTUP=1</c>: on standard error, the time since the process
/// started at which each assembly loads and the JIT time spent by then, and at exit the totals (wall, CPU, JIT time and
/// methods compiled, peak memory). Off, it costs one environment lookup.
/// </summary>
public static class StartupTrace
{
    public const string Variable = "CORPUS_TRACE_STARTUP";

    public static void EnableFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") return;
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var error = Console.Error;
        double Since() => (DateTime.UtcNow - started).TotalSeconds;
        void Line(string what) => error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[startup +{Since():0.000} s, jit {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.000} s / {System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods] {what}"));
        Line("main");
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Line("load " + e.LoadedAssembly.GetName().Name);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var self = Process.GetCurrentProcess();
            Line(string.Create(CultureInfo.InvariantCulture,
                $"exit: cpu {self.TotalProcessorTime.TotalSeconds:0.000} s, peak working set {self.PeakWorkingSet64 / 1048576.0:N0} MB, gc heap {GC.GetTotalMemory(false) / 1048576.0:N0} MB"));
        };
    }
}
