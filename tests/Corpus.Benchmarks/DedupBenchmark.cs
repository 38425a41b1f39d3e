using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Corpus.Benchmarks.Harness;
using Corpus.Dedup;
using Corpus.Dedup.MinHash;
using Corpus.Dedup.Staging;
using Corpus.Dedup.Text;

namespace Corpus.Benchmarks;

/// <summary>
/// <c>dedup signatures</c>: MinHash signatures (fold, word hashes, 5-gram shingles, 112 permutations) on one core,
/// next to XxHash3 over the same UTF-8 bytes in the same run — the floor that shingling cannot beat.
/// <c>dedup whole N</c>: the whole staged dedup (repeated lines, signatures, buckets, clusters, filter) of N synthetic
/// documents with the local runner; wall time and peak working set. Run each size in its own process so the peak
/// belongs to that size.
/// </summary>
public static class DedupBenchmark
{
    public static int Run(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "signatures";
        return mode switch
        {
            "signatures" => Signatures(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4000),
            "whole" => Whole(args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2),
            "jsonl" => DedupJsonlBenchmark.Run(args[1..]),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: dedup signatures [DOCS] | dedup whole [DOCS] [TASKS] | dedup jsonl [--docs N] [--rounds R] [--corpus NAME=COMMAND]…");
        return 1;
    }

    private static int Signatures(int count)
    {
        var texts = Enumerable.Range(0, count).Select(i => SyntheticNews.Text(i, targetBytes: 3000)).ToArray();
        var bytes = texts.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        var totalBytes = bytes.Sum(b => (long)b.Length);
        var kb = (int)(totalBytes / 1024);
        var hasher = new MinHasher(MinHashParameters.Default);
        var signature = new uint[MinHashParameters.Default.Permutations];
        ulong sink = 0;
        var xx = Measurement.Run("XxHash3 over the same bytes (floor)", kb, () => { foreach (var b in bytes) sink ^= XxHash3.HashToUInt64(b); }, 5);
        var exact = Measurement.Run("exact key: fold + XxHash128", kb, () => { foreach (var t in texts) sink ^= (ulong)Hashes.FoldedText(t); }, 5);
        var minhash = Measurement.Run("MinHash signature, 14x8, word 5-grams", kb, () => { foreach (var t in texts) { hasher.Sign(t, signature); sink ^= signature[0]; } }, 5);
        var bands = Measurement.Run("MinHash signature + 14 band keys", kb, () =>
        {
            foreach (var t in texts)
            {
                hasher.Sign(t, signature);
                for (var b = 0; b < 14; b++) sink ^= hasher.BandKey(signature, b);
            }
        }, 5);
        Report.Print($"Dedup signatures, {count:N0} documents of ~3 KB ({totalBytes / 1e6:0.0} MB UTF-8), one thread", [xx, exact, minhash, bands], "KB");
        foreach (var m in new[] { xx, exact, minhash, bands })
            // One thread does the work, so MB per CPU-second is MB/s per core even when other jobs share the machine.
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- {0}: {1:0.0} MB/s per core by CPU time ({2:0.000} s), {3:0.0} MB/s by wall time ({4:0.000} s)",
                m.Name, totalBytes / 1e6 / Math.Max(m.CpuSeconds, 1e-6), m.CpuSeconds, totalBytes / 1e6 / m.Seconds, m.Seconds));
        Report.Ratio("MinHash signature / XxHash3", minhash, xx);
        Console.WriteLine($"- vector width: Vector256 hardware accelerated = {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated} (checksum {sink & 1})");
        return 0;
    }

    private static int Whole(long count, int tasks)
    {
        var work = Path.Combine(Path.GetTempPath(), "corpus-dedup-bench", Guid.NewGuid().ToString("N"));
        var options = new DedupOptions(Tasks: tasks);
        try
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long duplicates = 0, removed = 0, seen = 0;
            var summary = new DedupRunner(options, new WorkLayout(work)).RunLocal(new SyntheticSource(count), (_, verdicts) =>
            {
                long d = 0, r = 0, s = 0;
                foreach (var v in verdicts) { s++; if (v.IsDuplicate) d++; r += v.LinesRemoved; }
                Interlocked.Add(ref duplicates, d);
                Interlocked.Add(ref removed, r);
                Interlocked.Add(ref seen, s);
            });
            clock.Stop();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var workBytes = Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var textMb = SyntheticSource.ApproxBytes * count / 1e6;
            Console.WriteLine($"## Whole dedup, {count:N0} synthetic documents (~{SyntheticSource.ApproxBytes} bytes each, {textMb:N0} MB), {tasks} tasks");
            Console.WriteLine();
            Console.WriteLine("| documents | wall | cpu | peak working set | work files | duplicates | clusters | repeated lines removed |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0:N0} | {1:0.0} s | {2:0.0} s | {3:N0} MB | {4:N0} MB | {5:N0} | {6:N0} | {7:N0} |",
                seen, clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds, process.PeakWorkingSet64 / 1048576.0,
                workBytes / 1048576.0, duplicates, summary.Clusters, removed));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- throughput: {0:0.0} MB/s of text, {1:N0} documents/s", textMb / clock.Elapsed.TotalSeconds, seen / clock.Elapsed.TotalSeconds));
            Console.WriteLine($"- expected duplicates by construction: {SyntheticSource.ExpectedDuplicates(count):N0}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>News-like synthetic text: words from a fixed invented vocabulary with a Zipf-ish skew, in paragraphs.</summary>
public static class SyntheticNews
{
    private static readonly string[] Vocabulary = BuildVocabulary();

    private static string[] BuildVocabulary()
    {
        var random = new Random(42);
        const string letters = "aaaeeiioouubdgkmnprstlhjy";
        return Enumerable.Range(0, 20_000).Select(_ =>
        {
            var length = 2 + random.Next(9);
            return new string(Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)]).ToArray());
        }).ToArray();
    }

    public static string Text(long seed, int targetBytes)
    {
        var random = new Random((int)(seed * 2654435761 % int.MaxValue));
        var sb = new StringBuilder(targetBytes + 64);
        var inSentence = 0;
        while (sb.Length < targetBytes)
        {
            // Squaring a uniform number favours the start of the vocabulary, as word frequencies do.
            var u = random.NextDouble();
            var word = Vocabulary[(int)(u * u * Vocabulary.Length)];
            sb.Append(inSentence == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            inSentence++;
            if (inSentence > 8 && random.Next(10) == 0) { sb.Append(random.Next(4) == 0 ? ".\n" : ". "); inSentence = 0; }
            else sb.Append(' ');
        }
        return sb.ToString().TrimEnd() + ".";
    }
}

/// <summary>
/// N documents made on the fly from their index (nothing held in memory): 100 hosts, each article ending with its
/// host's closing line; every 10th document an exact copy of the one before, every 10th (offset 5) a copy with one
/// word changed.
/// </summary>
public sealed class SyntheticSource(long count) : IDedupSource
{
    public const int ApproxBytes = 1000;

    public static long ExpectedDuplicates(long count) => count / 10 * 2;

    public IEnumerable<DedupInput> Slice(int task, int tasks)
    {
        for (var i = (long)task; i < count; i += tasks) yield return Make(i);
    }

    private static DedupInput Make(long i)
    {
        var host = $"site{i % 100:D2}.test";
        var kind = i % 10;
        var source = kind is 9 or 6 ? i - 1 : i;
        var text = SyntheticNews.Text(source, ApproxBytes);
        if (kind == 6)
        {
            var words = text.Split(' ');
            words[words.Length / 2] = "berubah";
            text = string.Join(' ', words);
        }
        text += $"\nIkuti terus berita terkini {host} melalui kanal kami.";
        return new DedupInput(i, $"doc{i:D8}", text, $"http://{host}/{i}.html", host, DateTimeOffset.UnixEpoch.AddMinutes(i));
    }
}
