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
            await output.WriteLineAsync($"  {name,-12}  {n,6}");
        foreach (var (rule, n) in report.ExcludedByRule)
            await output.WriteLineAsync($"    {rule,-30} {n,4}");
        await output.WriteLineAsync($"  languages: {string.Join(", ", report.KeptByLanguage.Select(kv => $"{kv.Key} {kv.Value}"))}");
        var bytes = manifest.Files.Sum(f => f.Bytes);
        await output.WriteLineAsync($"  {manifest.Files.Count} files, {bytes.ToString("N0", inv)} bytes, {elapsed.TotalSeconds.ToString("0.0", inv)} s");
        await output.WriteLineAsync(report.AddsUp
            ? "  accounting: input = kept + excluded + duplicates + failed"
            : "  accounting: MISMATCH (input != kept + excluded + duplicates + failed)");
        await output.WriteLineAsync();
    }
}
