using System.Globalization;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Commands;

/// <summary>The per-step table at the end of a build: documents in/out, bytes, wall and processor time, peak resident memory (one-process build), and where the per-document time went.</summary>
public static class StepTable
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<StepStats> steps)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync($"  {"step",-18} {"tasks",5} {"docs in",9} {"docs out",9} {"MB in",8} {"wall s",8} {"cpu s",8} {"peak MB",8}");
        foreach (var s in steps)
        {
            var docsIn = s.Counts.TryGetValue("docs_in", out var i) ? i : s.Count("documents");
            var docsOut = s.Counts.TryGetValue("docs_out", out var o) ? o : (long?)null;
            await output.WriteLineAsync(string.Create(c,
                $"  {s.Step,-18} {s.Tasks,5} {docsIn,9:N0} {(docsOut is { } n ? n.ToString("N0", c) : "-"),9} {s.Count("bytes_in") / 1e6,8:0.0} {s.WallSeconds,8:0.0} {s.CpuSeconds,8:0.0} {(s.Counts.TryGetValue("peak_rss_mb", out var peak) ? peak.ToString("N0", c) : "-"),8}"));
            var perStage = s.Counts.Where(kv => kv.Key.StartsWith("step_ms:", StringComparison.Ordinal)).ToList();
            var total = Math.Max(1, perStage.Sum(kv => kv.Value));
            foreach (var (key, ms) in perStage.OrderByDescending(kv => kv.Value))
                await output.WriteLineAsync(string.Create(c,
                    $"    {key["step_ms:".Length..],-34} {s.Count("step_docs:" + key["step_ms:".Length..]),9:N0} docs {ms / 1000.0,8:0.0} s {100.0 * ms / total,5:0}%"));
        }
        await output.WriteLineAsync();
    }
}
