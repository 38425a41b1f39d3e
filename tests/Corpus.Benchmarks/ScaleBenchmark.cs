using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Corpus.Benchmarks.Harness;
using Corpus.Cli.Scaling;
using Corpus.Pipeline;
using Corpus.Core.Tasks;
using DuckDB.NET.Data;

namespace Corpus.Benchmarks;

/// <summary>
/// <c>scale [--pages N] [--files F] [--tasks T] [--workers 1,2,4] [--keep]</c>: N synthetic news pages as WARC files,
/// built by <c>corpus build</c> in one process (the baseline) and by <c>corpus plan --tasks T</c> + <c>corpus run
/// --workers W</c> for each W, every one a child process measured from outside (wall, CPU of the whole process tree,
/// peak summed resident memory). Prints the configurations side by side, each stage's time from the done markers,
/// and whether every release's shards are byte-identical to the baseline's (exit code 1 if not).
/// </summary>
public static partial class ScaleBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var pages = IntOption(args, "--pages", 10_000);
        var files = IntOption(args, "--files", 48);
        var tasks = IntOption(args, "--tasks", 4);
        var workers = (Option(args, "--workers") ?? "1,2,4").Split(',').Select(w => int.Parse(w, Inv)).ToList();
        var keep = args.Contains("--keep");
        if (pages < 10 || files < 1 || tasks < 1 || workers.Count == 0 || workers.Any(w => w < 1))
        {
            Console.Error.WriteLine("usage: scale [--pages N (>= 10)] [--files F] [--tasks T] [--workers 1,2,4] [--keep]");
            return 1;
        }
        var root = Path.Combine(Path.GetTempPath(), "corpus-scale-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            return Measure(root, pages, files, tasks, workers);
        }
        finally
        {
            if (keep) Console.WriteLine($"\nKept {root}");
            else try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static int Measure(string root, int pages, int files, int tasks, IReadOnlyList<int> workers)
    {
        var clock = Stopwatch.StartNew();
        var written = SyntheticWarc.Write(Path.Combine(root, "warc"), pages, files);
        Console.WriteLine(string.Format(Inv, "Generated {0:N0} pages ({1:N0} MB of HTML) into {2} WARC files ({3:N1} MB gzip) in {4:0.0} s; planted {5:N0} exact and {6:N0} near copies.",
            written.Pages, written.HtmlBytes / 1048576.0, written.Files, written.CompressedBytes / 1048576.0, clock.Elapsed.TotalSeconds,
            SyntheticNewsPages.ExpectedExactCopies(pages), SyntheticNewsPages.ExpectedNearCopies(pages)));
        var recipe = SyntheticWarc.WriteRecipe("scale", "scale-out benchmark", root);
        var tiny = Path.Combine(root, "tiny");
        SyntheticWarc.Write(Path.Combine(tiny, "warc"), 1, 1);
        var tinyRecipe = SyntheticWarc.WriteRecipe("scale", "scale-out benchmark", tiny);

        var corpus = TaskCommandLine.Current();
        var rows = new List<Row>();
        // What every build process pays before its first page: runtime start, recipe, extraction rules, language
        // models, topic model, tokenizer. A process task pays it again, once per task.
        var fixedCost = Corpus(corpus, "build", tinyRecipe, "--out", Path.Combine(tiny, "one"));
        if (fixedCost.ExitCode != 0) return Failed(fixedCost);

        var one = Path.Combine(root, "one");
        Console.WriteLine($"Running: corpus build --out {one} ({Load()})");
        var build = Corpus(corpus, "build", recipe, "--out", one);
        if (build.ExitCode != 0) return Failed(build);
        rows.Add(new Row("corpus build (one process)", build, null, Load()));

        foreach (var w in workers)
        {
            var work = Path.Combine(root, $"work-{w}");
            var output = Path.Combine(root, $"scaled-{w}");
            Console.WriteLine($"Running: corpus plan --tasks {tasks} + corpus run --workers {w} ({Load()})");
            var plan = Corpus(corpus, "plan", recipe, "--tasks", tasks.ToString(Inv), "--work", work, "--out", output);
            if (plan.ExitCode != 0) return Failed(plan);
            var run = Corpus(corpus, "run", "--work", work, "--workers", w.ToString(Inv));
            if (run.ExitCode != 0) return Failed(run);
            rows.Add(new Row($"plan --tasks {tasks} + run --workers {w}", run, plan, Load()) { Work = work, Release = Path.Combine(output, "1.0.0"), Workers = w });
        }

        Console.WriteLine();
        PrintConfigurations(rows, pages, tasks);
        Console.WriteLine(string.Format(Inv, "- fixed cost of one build process (`corpus build` of a 1-page WARC): {0:0.0} s wall, {1:0.0} s CPU, peak {2:N0} MB; the process stage pays it once per task",
            fixedCost.Seconds, fixedCost.CpuSeconds, fixedCost.PeakTreeRssBytes / 1048576.0));
        Console.WriteLine();
        foreach (var row in rows.Where(r => r.Work is not null)) PrintStages(row);
        PrintAccounting(rows, pages);
        PrintExclusions(Path.Combine(one, "1.0.0"));
        return PrintIdentity(Path.Combine(one, "1.0.0"), rows);
    }

    /// <summary>One configuration's measured run (for the scaled ones, plan and run are two children; wall is both).</summary>
    private sealed record Row(string Name, ChildProcessRun Run, ChildProcessRun? Plan, string LoadAfter)
    {
        public string? Work { get; init; }
        public string? Release { get; init; }
        public int Workers { get; init; }
        public double Seconds => Run.Seconds + (Plan?.Seconds ?? 0);
        public double CpuSeconds => Run.CpuSeconds + (Plan?.CpuSeconds ?? 0);
        public Measurement AsMeasurement(int pages) => new(Name, pages, Seconds, 0, Run.PeakTreeRssBytes, CpuSeconds);
    }

    private static void PrintConfigurations(IReadOnlyList<Row> rows, int pages, int tasks)
    {
        var baseline = rows[0];
        var oneWorker = rows.FirstOrDefault(r => r.Workers == 1);
        Console.WriteLine($"## Scale-out: {pages:N0} synthetic pages, {tasks} tasks per stage, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| configuration | wall s | pages/s | speed-up vs 1 worker | time vs one-process build | CPU s (all processes) | cores used | machine busy | peak RSS (process tree) | load after |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Format(Inv, "| {0} | {1:0.0} | {2:N0} | {3} | {4:0.00}x | {5:0.0} | {6:0.00} | {7:P0} | {8:N0} MB | {9} |",
                r.Name, r.Seconds, pages / r.Seconds,
                oneWorker is null ? "-" : string.Format(Inv, "{0:0.00}x", oneWorker.Seconds / r.Seconds),
                r.Seconds / baseline.Seconds, r.CpuSeconds, r.CpuSeconds / r.Seconds, r.Run.MachineBusy,
                r.Run.PeakTreeRssBytes / 1048576.0, r.LoadAfter));
        }
        Console.WriteLine();
        Console.WriteLine($"cores used = CPU s / wall s of this configuration's processes; machine busy = share of all {Environment.ProcessorCount} cores busy meanwhile, everyone's work included.");
        Console.WriteLine();
        foreach (var r in rows.Skip(1))
        {
            Report.Ratio($"{r.Name} / one process", r.AsMeasurement(pages), baseline.AsMeasurement(pages));
            Console.WriteLine(string.Format(Inv, "  (of which `corpus plan`: {0:0.0} s); CPU of all its processes {1:0.00}x the one-process build's",
                r.Plan!.Seconds, r.CpuSeconds / baseline.CpuSeconds));
        }
        Console.WriteLine();
    }

    [GeneratedRegex(@"^(?<stage>\S+): \d+ of \d+ task\(s\) ran in (?<s>[0-9.]+) s", RegexOptions.Multiline)]
    private static partial Regex ExecutorStageLine();

    /// <summary>
    /// Per stage: the executor's wall (from its output: starting the task processes to the last one's exit), the
    /// markers' wall (last finished − first started: the tasks' own work), their difference (process start-up, .NET
    /// start, plan and recipe loading, and waiting for a worker slot's turn), and the sum of the tasks' seconds.
    /// </summary>
    private static void PrintStages(Row row)
    {
        var work = new WorkFolder(row.Work!);
        var executor = ExecutorStageLine().Matches(row.Run.Output).ToDictionary(m => m.Groups["stage"].Value, m => double.Parse(m.Groups["s"].Value, Inv));
        Console.WriteLine($"### Stages with --workers {row.Workers}");
        Console.WriteLine();
        Console.WriteLine("| stage | tasks | executor wall s | task wall s (markers) | start-up & hand-off s | sum of task s | longest task s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        double serial = 0, total = 0;
        foreach (var stage in work.LoadPlan().Stages)
        {
            var markers = Enumerable.Range(0, stage.Tasks).Select(t => TaskMarkers.Read(work, stage.Name, t, TaskState.Done)!).ToList();
            var wall = (markers.Max(m => m.Finished!.Value) - markers.Min(m => m.Started)).TotalSeconds;
            var ran = executor.GetValueOrDefault(stage.Name, double.NaN);
            total += ran;
            if (stage.Tasks == 1) serial += ran;
            Console.WriteLine(string.Format(Inv, "| {0} | {1} | {2:0.0} | {3:0.0} | {4:0.0} | {5:0.0} | {6:0.0} |",
                stage.Name, stage.Tasks, ran, wall, ran - wall, markers.Sum(m => m.Seconds ?? 0), markers.Max(m => m.Seconds ?? 0)));
        }
        Console.WriteLine();
        Console.WriteLine(string.Format(Inv, "- one-task stages (dedup-clusters, write): {0:0.0} s of {1:0.0} s in stages ({2:P0}); `corpus run` total {3:0.0} s",
            serial, total, serial / total, row.Run.Seconds));
        if (row.Workers == 1)
        {
            // Amdahl's law on the 1-worker stage times: what W workers could give if W cores were free for them.
            var tasks = work.LoadPlan().Tasks;
            var bounds = new[] { 2, 4 }.Select(w =>
            {
                var lanes = Math.Min(Math.Min(w, tasks), Environment.ProcessorCount);
                return string.Format(Inv, "{0} workers {1:0.00}x", w, total / (serial + (total - serial) / lanes));
            });
            Console.WriteLine($"- speed-up these stage times allow with free cores (a model, not a measurement; {Environment.ProcessorCount} cores): {string.Join(", ", bounds)}");
        }
        Console.WriteLine();
    }

    /// <summary>What the build kept, from the publish task's done marker (every configuration writes the same release).</summary>
    private static void PrintAccounting(IReadOnlyList<Row> rows, int pages)
    {
        var scaled = rows.FirstOrDefault(r => r.Work is not null);
        if (scaled is null) return;
        var stats = TaskMarkers.Read(new WorkFolder(scaled.Work!), BuildPlan.Publish, 0, TaskState.Done)?.Stats ?? [];
        Console.WriteLine(string.Format(Inv, "- accounting: input {0:N0}, kept {1:N0} ({2:P1}), duplicates {3:N0} (planted {4:N0}), excluded {5:N0}, failed {6:N0}",
            stats.GetValueOrDefault("input"), stats.GetValueOrDefault("kept"), stats.GetValueOrDefault("kept") / (double)pages,
            stats.GetValueOrDefault("duplicates"), SyntheticNewsPages.ExpectedExactCopies(pages) + SyntheticNewsPages.ExpectedNearCopies(pages),
            stats.GetValueOrDefault("excluded"), stats.GetValueOrDefault("failed")));
    }

    /// <summary>Why pages were excluded and what languages were kept, read back from the one-process release by DuckDB.</summary>
    private static void PrintExclusions(string release)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        string Query(string table, string sql)
        {
            var files = Path.Combine(release, table, "*.parquet").Replace("'", "''", StringComparison.Ordinal);
            using var command = connection.CreateCommand();
            command.CommandText = sql.Replace("FILES", $"read_parquet('{files}')", StringComparison.Ordinal);
            using var reader = command.ExecuteReader();
            var parts = new List<string>();
            while (reader.Read()) parts.Add($"{reader.GetValue(0)} {reader.GetValue(1)}");
            return parts.Count == 0 ? "none" : string.Join(", ", parts);
        }
        Console.WriteLine("- kept by language: " + Query("data", "SELECT language, count(*) FROM FILES GROUP BY 1 ORDER BY 2 DESC"));
        Console.WriteLine("- excluded by rule and detected language: " +
            Query("excluded", "SELECT rule || ' (' || coalesce(language, '-') || ')', count(*) FROM FILES WHERE rule IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"));
    }

    /// <summary>Compares every file of every scaled release with the one-process release; a differing data shard fails the run.</summary>
    private static int PrintIdentity(string baseline, IReadOnlyList<Row> rows)
    {
        var expected = Files(baseline);
        var shards = expected.Count(f => f.StartsWith("data" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        var ok = shards > 0;
        foreach (var row in rows.Where(r => r.Release is not null))
        {
            var actual = Files(row.Release!);
            var differing = expected.Union(actual).Where(f => !expected.Contains(f) || !actual.Contains(f) ||
                !File.ReadAllBytes(Path.Combine(baseline, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(row.Release!, f)))).ToList();
            var badShards = differing.Where(f => f.StartsWith("data" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
            ok &= badShards.Count == 0;
            Console.WriteLine(badShards.Count == 0
                ? $"- --workers {row.Workers}: {shards} data shard(s) byte-identical to the one-process build" +
                  (differing.Count == 0 ? $"; all {expected.Count} release files identical" : $"; other files differ: {string.Join(", ", differing)}")
                : $"- --workers {row.Workers}: DATA SHARDS DIFFER from the one-process build: {string.Join(", ", badShards)}");
        }
        if (shards == 0) Console.WriteLine($"- the one-process release at {baseline} has no data shards");
        return ok ? 0 : 1;
    }

    private static List<string> Files(string release) =>
        Directory.GetFiles(release, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(release, f)).Order(StringComparer.Ordinal).ToList();

    private static ChildProcessRun Corpus(TaskCommandLine corpus, params string[] arguments) =>
        ChildProcessRun.Start(corpus.FileName, [.. corpus.Prefix, .. arguments]);

    private static int Failed(ChildProcessRun run)
    {
        Console.Error.WriteLine($"corpus {run.Command} exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");
        return 2;
    }

    /// <summary>The 1-minute load average: how busy the shared machine was around a measurement.</summary>
    private static string Load() => "load " + File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } v ? int.Parse(v, Inv) : fallback;
}
