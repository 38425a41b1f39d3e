using System.Globalization;
using Corpus.Core.Pipeline;
using Corpus.Parquet.Release;

namespace Corpus.Pipeline;

/// <summary>The short table a person reads at the end of a build.</summary>
public static class SummaryTable
{
    public static async Task WriteAsync(TextWriter output, BuildReport report, ReleaseManifest manifest, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync();
        await output.WriteLineAsync("  documents      count");
        await output.WriteLineAsync("  ------------  ------");
        foreach (var (name, n) in new[] { ("input", report.Input), ("kept", report.Kept), ("excluded", report.Excluded), ("duplicates", report.Duplicates), ("failed", report.Failed) })
        {
            await output.WriteLineAsync($"  {name,-12}  {n,6}");
            // Each breakdown sits under its own line: rules under excluded, reasons (http 404, extract …) under failed.
            var breakdown = name switch { "excluded" => report.ExcludedByRule, "failed" => report.FailedByReason, _ => null };
            foreach (var (key, k) in breakdown ?? new Dictionary<string, int>())
                await output.WriteLineAsync($"    {key,-30} {k,4}");
        }
        foreach (var source in report.EmptySources ?? [])
            await output.WriteLineAsync($"  source: {source}");
        await output.WriteLineAsync($"  languages: {string.Join(", ", report.KeptByLanguage.Select(kv => $"{kv.Key} {kv.Value}"))}");
        var bytes = manifest.Files.Sum(f => f.Bytes);
        await output.WriteLineAsync($"  {manifest.Files.Count} files, {bytes.ToString("N0", inv)} bytes, {elapsed.TotalSeconds.ToString("0.0", inv)} s");
        await output.WriteLineAsync(report.AddsUp
            ? "  accounting: input = kept + excluded + duplicates + failed"
            : "  accounting: MISMATCH (input != kept + excluded + duplicates + failed)");
        await output.WriteLineAsync();
    }
}
