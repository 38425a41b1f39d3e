using System.Globalization;
using System.Text;
using Corpus.Benchmarks.Harness;
using Corpus.Cli.Scaling;

namespace Corpus.Benchmarks;

/// <summary>
/// <c>pipeline [--pages 2000,20000] [--files 8] [--before /tmp/before/corpus.dll] [--keep DIR]</c>: for each size, N synthetic news
/// pages written as WARC files and, the same pages, as HTML files; then, each a child process measured from outside
/// (wall, CPU of the process tree, peak resident memory): <c>corpus extract</c> on the HTML files (the floor the
/// issue's target is set against), <c>corpus build</c> from the WARC files with this Corpus, and the same build with
/// the <c>--before</c> binary (an earlier Corpus, e.g. main). The ratios show whether memory stays flat as the corpus
/// grows ten times and what the whole build costs next to extraction alone, on the same shared machine in one run.
/// </summary>
public static class PipelineBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var sizes = (Option(args, "--pages") ?? "2000,20000").Split(',').Select(p => int.Parse(p, Inv)).ToList();
        var files = int.Parse(Option(args, "--files") ?? "8", Inv);
        var before = Option(args, "--before");
        var keep = Option(args, "--keep");
        var root = keep is not null ? Path.GetFullPath(keep) : Path.Combine(Path.GetTempPath(), "corpus-pipeline-bench", Guid.NewGuid().ToString("N"));
        var corpus = TaskCommandLine.Current();
        var rows = new List<(int Pages, string Name, ChildProcessRun Run)>();
        try
        {
            foreach (var pages in sizes)
            {
                var dir = Path.Combine(root, $"p{pages}");
                SyntheticWarc.Write(Path.Combine(dir, "warc"), pages, files);
                var html = Path.Combine(dir, "html");
                Directory.CreateDirectory(html);
                for (var i = 0; i < pages; i++) File.WriteAllText(Path.Combine(html, $"page-{i:D7}.html"), SyntheticNewsPages.Make(i).Html, Encoding.UTF8);
                var recipe = SyntheticWarc.WriteRecipe("pipeline", "pipeline benchmark", dir);

                var runs = new List<(string, string, string[])>
                {
                    ("corpus extract (HTML files)", corpus.FileName, [.. corpus.Prefix, "extract", html, "--out", Path.Combine(dir, "extract.jsonl")]),
                    ("corpus build (now)", corpus.FileName, [.. corpus.Prefix, "build", recipe, "--out", Path.Combine(dir, "now")]),
                };
                if (before is not null) runs.Add(("corpus build (before)", "dotnet", [before, "build", recipe, "--out", Path.Combine(dir, "before")]));
                foreach (var (name, file, arguments) in runs)
                {
                    Console.WriteLine($"{pages} pages: {name} ({File.ReadAllText("/proc/loadavg").Split(' ')[0]} load)");
                    var run = ChildProcessRun.Start(file, arguments);
                    // extract exits 1 when a page has no article; the build must succeed.
                    if (run.ExitCode != 0 && !name.StartsWith("corpus extract", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine($"{name} exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");
                        return 2;
                    }
                    rows.Add((pages, name, run));
                    if (keep is not null)
                    {
                        var stem = Path.Combine(dir, new string(name.Where(char.IsLetterOrDigit).ToArray()));
                        File.WriteAllText(stem + ".out.txt", run.Output);
                        File.WriteAllText(stem + ".err.txt", run.Error);
                    }
                }
                if (before is not null) Identical(Path.Combine(dir, "now", "1.0.0"), Path.Combine(dir, "before", "1.0.0"));
            }
        }
        finally
        {
            if (keep is null)
                try { Directory.Delete(root, recursive: true); } catch (IOException) { }
            else Console.WriteLine($"kept {root} (pages as WARC and HTML, recipes, releases)");
        }

        Console.WriteLine();
        Console.WriteLine("| pages | run | wall s | pages/s | CPU s | cores used | peak RSS MB | wall / extract |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (pages, name, run) in rows)
        {
            var extract = rows.First(r => r.Pages == pages && r.Name.StartsWith("corpus extract", StringComparison.Ordinal)).Run;
            Console.WriteLine(string.Format(Inv, "| {0:N0} | {1} | {2:0.0} | {3:0.0} | {4:0.0} | {5:0.00} | {6:N0} | {7:0.00}× |",
                pages, name, run.Seconds, pages / run.Seconds, run.CpuSeconds, run.CoresUsed, run.PeakTreeRssBytes / 1048576.0, run.Seconds / extract.Seconds));
        }
        // Where each build's time went: the per-step table corpus build prints at its end (wall and CPU per step).
        foreach (var (pages, name, run) in rows.Where(r => r.Name.StartsWith("corpus build", StringComparison.Ordinal)))
        {
            var lines = run.Output.Split('\n');
            var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("step ", StringComparison.Ordinal) && l.Contains("wall s", StringComparison.Ordinal));
            if (start < 0) continue;
            Console.WriteLine();
            Console.WriteLine(string.Format(Inv, "{0:N0} pages, {1}, per step:", pages, name));
            foreach (var line in lines.Skip(start).TakeWhile(l => l.Trim().Length > 0)) Console.WriteLine(line);
        }
        if (sizes.Count >= 2)
        {
            Console.WriteLine();
            foreach (var name in rows.Select(r => r.Name).Distinct())
            {
                var small = rows.First(r => r.Name == name && r.Pages == sizes[0]).Run;
                var large = rows.First(r => r.Name == name && r.Pages == sizes[^1]).Run;
                Console.WriteLine(string.Format(Inv, "- {0}: peak RSS at {1:N0} pages / at {2:N0} pages = {3:0.00}×",
                    name, sizes[^1], sizes[0], (double)large.PeakTreeRssBytes / small.PeakTreeRssBytes));
            }
        }
        return 0;
    }

    private static void Identical(string a, string b)
    {
        var files = Directory.GetFiles(a, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToList();
        var same = files.All(f => File.Exists(Path.Combine(b, f)) && File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))));
        Console.WriteLine(same ? $"  shards identical to the before build ({files.Count} files)" : "  SHARDS DIFFER from the before build");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
