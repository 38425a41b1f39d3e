using System.Globalization;
using Corpus.Benchmarks.Harness;
using Corpus.Cli.Scaling;

namespace Corpus.Benchmarks;

/// <summary>
/// <c>startup [--rounds R] [--corpus NAME=COMMAND]…</c>: what one Corpus process costs before its first page.
/// Each contender is a child process measured from outside (wall, CPU, peak resident memory), taking turns round after
/// round, best round kept: a bare .NET process (this program doing nothing: the floor), <c>corpus --version</c>
/// (runtime plus the command line), <c>corpus --help</c> (every command's options built), <c>corpus extract</c> of one
/// HTML page (AngleSharp and the extraction rules), <c>corpus annotate</c> of that one document (the language, topic and
/// tokenizer models loading) and <c>corpus build</c> of a 1-page WARC, for the CLI as built here and for every
/// <c>--corpus NAME=COMMAND</c> given (another build of it: main's, a ReadyToRun publish). Read the CPU column when the
/// machine is shared: the wall column then mostly measures the neighbours.
/// </summary>
public static class StartupBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var rounds = 5;
        var corpora = new List<(string Name, TaskCommandLine Command)> { ("as built", TaskCommandLine.Current()) };
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i], Inv);
            else if (args[i] == "--corpus" && i + 1 < args.Length && args[++i].Split('=', 2) is [var name, var command])
                corpora.Add((name, TaskCommandLine.Parse(command)));
            else
            {
                Console.Error.WriteLine("usage: startup [--rounds R] [--corpus NAME=COMMAND]…");
                return 1;
            }
        }
        var root = Path.Combine(Path.GetTempPath(), "corpus-startup-bench", Guid.NewGuid().ToString("N"));
        try
        {
            SyntheticWarc.Write(Path.Combine(root, "warc"), 1, 1);
            var page = Path.Combine(root, "page.html");
            File.WriteAllText(page, SyntheticNewsPages.Make(0).Html);
            // The annotate contenders read the extract contender's line, made once here by the CLI as built (untimed).
            var extracted = Path.Combine(root, "page.jsonl");
            var first = corpora[0].Command;
            var made = ChildProcessRun.Start(first.FileName, [.. first.Prefix, "extract", page, "--out", extracted]);
            if (made.ExitCode != 0)
            {
                Console.Error.WriteLine($"corpus extract exited with {made.ExitCode}:\n{made.Output}\n{made.Error}");
                return 2;
            }
            var recipe = Path.Combine(root, "corpus.yaml");
            File.WriteAllText(recipe, """
                name: startup
                version: 1.0.0
                license: CC-BY-4.0
                description: One synthetic news page, for the start-up benchmark.
                languages: [id, en, ms]
                sources:
                  warc: [warc/*.warc.gz]
                output:
                  dir: releases
                  compression: zstd
                """);
            // This program doing nothing, started the way the CLI as built is (its apphost, or dotnet and the dll).
            var apphost = Path.Combine(AppContext.BaseDirectory, "Corpus.Benchmarks");
            var self = File.Exists(apphost) ? new TaskCommandLine(apphost, [])
                : new TaskCommandLine(Environment.ProcessPath ?? "dotnet", [Path.Combine(AppContext.BaseDirectory, "Corpus.Benchmarks.dll")]);
            var contenders = new List<(string Name, Func<int, ChildProcessRun> Run)>
            {
                ("bare .NET process (floor)", _ => ChildProcessRun.Start(self.FileName, [.. self.Prefix, "noop"])),
            };
            foreach (var (name, command) in corpora)
            {
                var slug = name.Replace(' ', '-');
                contenders.Add(($"corpus --version ({name})", _ => ChildProcessRun.Start(command.FileName, [.. command.Prefix, "--version"])));
                contenders.Add(($"corpus --help ({name})", _ => ChildProcessRun.Start(command.FileName, [.. command.Prefix, "--help"])));
                contenders.Add(($"corpus extract, 1 page ({name})", r => ChildProcessRun.Start(command.FileName,
                    [.. command.Prefix, "extract", page, "--out", Path.Combine(root, $"extract-{slug}-{r}.jsonl")])));
                contenders.Add(($"corpus annotate, 1 document ({name})", r => ChildProcessRun.Start(command.FileName,
                    [.. command.Prefix, "annotate", "--in", extracted, "--out", Path.Combine(root, $"annotate-{slug}-{r}.jsonl")])));
                contenders.Add(($"corpus build, 1 page ({name})", r => ChildProcessRun.Start(command.FileName,
                    [.. command.Prefix, "build", recipe, "--out", Path.Combine(root, $"out-{slug}-{r}")])));
            }
            var best = new ChildProcessRun?[contenders.Count];
            for (var round = 0; round < rounds; round++)
                for (var c = 0; c < contenders.Count; c++)
                {
                    var run = contenders[c].Run(round);
                    if (run.ExitCode != 0)
                    {
                        Console.Error.WriteLine($"{contenders[c].Name} exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");
                        return 2;
                    }
                    if (best[c] is null || run.Seconds < best[c]!.Seconds) best[c] = run;
                }
            Console.WriteLine($"## Start-up: process start to exit, best of {rounds} rounds (machine shared)");
            Console.WriteLine();
            Console.WriteLine("| contender | wall | CPU | peak resident | wall / floor |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            for (var c = 0; c < contenders.Count; c++)
                Console.WriteLine(string.Format(Inv, "| {0} | {1:0.00} s | {2:0.00} s | {3:N0} MB | {4:0.0}x |", contenders[c].Name, best[c]!.Seconds,
                    best[c]!.CpuSeconds, best[c]!.PeakTreeRssBytes / 1048576.0, best[c]!.Seconds / best[0]!.Seconds));
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
