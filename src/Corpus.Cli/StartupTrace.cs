using System.Diagnostics;
using System.Globalization;

namespace Corpus.Cli;

/// <summary>
/// Where a process's fixed cost goes, when <c>CORPUS_TRACE_STARTUP=1</c>: on standard error, the wall time since the
/// process started and the CPU time used by then at which each assembly loads, with the JIT time and methods compiled by
/// then, each exception thrown, and at exit the totals (CPU, peak memory). A build's step banners on standard output
/// ("  dedup-lines ...") fall between these lines, so the CPU column splits a run into its phases. Off, it costs one
/// environment lookup.
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
            $"[startup +{Since():0.000} s, cpu {Environment.CpuUsage.TotalTime.TotalSeconds:0.000} s, jit {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.000} s / {System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods] {what}"));
        Line("main");
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Line("load " + e.LoadedAssembly.GetName().Name);
        // A thrown exception costs its stack walk (and, once rendered, the PDB reader): name each one thrown.
        AppDomain.CurrentDomain.FirstChanceException += (_, e) => Line("throw " + e.Exception.GetType().Name + ": " + e.Exception.Message);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var self = Process.GetCurrentProcess();
            Line(string.Create(CultureInfo.InvariantCulture,
                $"exit: cpu {self.TotalProcessorTime.TotalSeconds:0.000} s, peak working set {self.PeakWorkingSet64 / 1048576.0:N0} MB, gc heap {GC.GetTotalMemory(false) / 1048576.0:N0} MB"));
        };
    }
}
