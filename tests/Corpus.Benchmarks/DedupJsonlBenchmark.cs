using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Corpus.Benchmarks.Harness;
using Corpus.Cli.Scaling;

namespace Corpus.Benchmarks;

/// <summary>
/// <c>dedup jsonl [--docs N] [--rounds R] [--tasks T] [--corpus NAME=COMMAND]…</c>: <c>corpus dedup</c> end to end on a
/// generated JSON Lines corpus (default 51,048 documents of ~2.6 KB, ~136 MB, like a 10-site news crawl: hosts' closing
/// lines, exact and near copies, a nested field), each run a child process measured from outside, next to
/// <c>sha1sum</c> of the same file (the floor: reading the bytes once). Contenders take turns, best round kept: the CLI
/// as built here and every <c>--corpus NAME=COMMAND</c> given (e.g. main's build). MB of input per CPU-second is the
/// honest speed on a shared machine; the outputs of every contender must be byte-identical (exit code 1 if not).
/// </summary>
public static class DedupJsonlBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var docs = 51_048;
        var rounds = 2;
        var tasks = 2;
        var corpora = new List<(string Name, TaskCommandLine Command)> { ("as built", TaskCommandLine.Current()) };
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--docs" && i + 1 < args.Length) docs = int.Parse(args[++i], Inv);
            else if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i], Inv);
            else if (args[i] == "--tasks" && i + 1 < args.Length) tasks = int.Parse(args[++i], Inv);
            else if (args[i] == "--corpus" && i + 1 < args.Length && args[++i].Split('=', 2) is [var name, var command])
                corpora.Add((name, TaskCommandLine.Parse(command)));
            else
            {
                Console.Error.WriteLine("usage: dedup jsonl [--docs N] [--rounds R] [--tasks T] [--corpus NAME=COMMAND]…");
                return 1;
            }
        }
        var root = Path.Combine(Path.GetTempPath(), "corpus-dedup-jsonl-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var input = Path.Combine(root, "in.jsonl");
            var bytes = Generate(input, docs);
            var mb = bytes / 1e6;
            var contenders = new List<(string Name, Func<ChildProcessRun> Run, string? Output)>
            {
                ("sha1sum (floor)", () => ChildProcessRun.Start("sha1sum", [input]), null),
            };
            foreach (var (name, command) in corpora)
            {
                var output = Path.Combine(root, $"out-{contenders.Count}.jsonl");
                contenders.Add(($"corpus dedup ({name})", () => ChildProcessRun.Start(command.FileName,
                    [.. command.Prefix, "dedup", "--in", input, "--out", output, "--tasks", tasks.ToString(Inv)]), output));
            }
            var best = new ChildProcessRun?[contenders.Count];
            for (var round = 0; round < rounds; round++)
                for (var c = 0; c < contenders.Count; c++)
                {
                    var run = contenders[c].Run();
                    if (run.ExitCode != 0)
                    {
                        Console.Error.WriteLine($"{contenders[c].Name} exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");
                        return 2;
                    }
                    if (best[c] is null || run.CpuSeconds < best[c]!.CpuSeconds) best[c] = run;
                }
            Console.WriteLine(string.Format(Inv, "## corpus dedup end to end: {0:N0} documents, {1:N1} MB of JSON Lines, --tasks {2}, best of {3} rounds by CPU (machine shared)", docs, mb, tasks, rounds));
            Console.WriteLine();
            Console.WriteLine("| contender | wall | CPU | MB per CPU-second | MB/s by wall | peak resident | CPU / sha1sum |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            for (var c = 0; c < contenders.Count; c++)
            {
                var r = best[c]!;
                Console.WriteLine(string.Format(Inv, "| {0} | {1:0.00} s | {2:0.00} s | {3:0.0} | {4:0.0} | {5:N0} MB | {6:0.0}x |", contenders[c].Name,
                    r.Seconds, r.CpuSeconds, mb / Math.Max(r.CpuSeconds, 0.01), mb / r.Seconds, r.PeakTreeRssBytes / 1048576.0,
                    r.CpuSeconds / Math.Max(best[0]!.CpuSeconds, 0.01)));
            }
            if (contenders.Count > 2)
                for (var c = 2; c < contenders.Count; c++)
                    Console.WriteLine(string.Format(Inv, "- {0} / {1}: {2:0.00}x the CPU", contenders[1].Name, contenders[c].Name, best[1]!.CpuSeconds / best[c]!.CpuSeconds));
            var hashes = contenders.Where(c => c.Output is not null).Select(c => (c.Name, Hash: Convert.ToHexString(SHA1.HashData(File.ReadAllBytes(c.Output!))))).ToList();
            foreach (var (name, hash) in hashes) Console.WriteLine($"- output of {name}: sha1 {hash[..16]}…, {new FileInfo(contenders.First(c => c.Name == name).Output!).Length:N0} bytes");
            var identical = hashes.Select(h => h.Hash).Distinct().Count() == 1;
            Console.WriteLine($"- outputs byte-identical: {identical}");
            return identical ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Writes the corpus: 10 hosts, each article ending with its host's closing line; every 10th document an exact copy
    /// of the one before, every 10th (offset 5) a copy with one word changed; quotes, accents and a nested field.
    /// </summary>
    private static long Generate(string path, int docs)
    {
        using (var stream = File.Create(path))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            for (var i = 0; i < docs; i++)
            {
                var host = $"berita{i % 10}.test";
                var kind = i % 10;
                var source = kind is 9 or 6 ? i - 1 : i;
                var text = SyntheticNews.Text(source, 2500).Replace("aa", "ä", StringComparison.Ordinal);
                if (kind == 6)
                {
                    var words = text.Split(' ');
                    words[words.Length / 2] = "berubah";
                    text = string.Join(' ', words);
                }
                text = $"\"{text[..40]}\" kata dia.\n" + text + $"\nIkuti terus berita terkini {host} melalui kanal kami.";
                json.WriteStartObject();
                json.WriteString("id", $"{host}/{i:D7}");
                json.WriteString("url", $"https://{host}/artikel/{i}.html");
                json.WriteString("title", SyntheticNews.Text(i + 7_000_000, 60));
                json.WriteString("published", DateTimeOffset.UnixEpoch.AddMinutes(i).ToString("O", Inv));
                json.WriteString("text", text);
                json.WriteNumber("word_count", text.Split(' ').Length);
                json.WriteStartObject("meta");
                json.WriteString("section", i % 3 == 0 ? "ekonomi" : "politik");
                json.WriteNumber("score", i % 7 / 7.0);
                json.WriteEndObject();
                json.WriteEndObject();
                json.Flush();
                json.Reset();
                stream.WriteByte((byte)'\n');
            }
        }
        return new FileInfo(path).Length;
    }
}
