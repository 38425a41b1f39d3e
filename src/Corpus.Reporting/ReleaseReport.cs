using System.Text;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;
using Corpus.Reporting.Html;

namespace Corpus.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page per release that shows where every document went and what was kept.
/// Rendered from the release alone it is deterministic (the same release gives the same bytes), so the writer lists
/// and hashes it in the manifest like every other file; a build's step stats, when given, add timing.
/// </summary>
public static class ReleaseReport
{
    public const string FileName = "report.html";

    /// <summary>
    /// Renders the report of the release in <paramref name="releaseDir"/> (its shards as <paramref name="manifest"/>
    /// lists them). The previous release, when the manifest names one and it sits beside this one, gives the diff.
    /// </summary>
    public static async Task<string> RenderAsync(string releaseDir, ReleaseManifest manifest, IReadOnlyList<StepStats>? steps = null, CancellationToken ct = default)
    {
        ReleaseDiff? diff = null;
        if (manifest.Predecessor is { } previous && Path.GetDirectoryName(Path.GetFullPath(releaseDir)) is { } releases
            && File.Exists(Path.Combine(releases, previous, "manifest.json")) && File.Exists(Path.Combine(releaseDir, "manifest.json")))
            diff = await ReleaseDiff.CompareAsync(Path.Combine(releases, previous), releaseDir, ct);
        var data = await ReleaseScan.ReadAsync(releaseDir, manifest, steps, diff, ct);
        return ReportPage.Render(data);
    }

    /// <summary>Renders the report of a published release (its own manifest) into <paramref name="outFile"/>.</summary>
    public static async Task<long> WriteAsync(string releaseDir, string outFile, IReadOnlyList<StepStats>? steps = null, CancellationToken ct = default)
    {
        var manifest = ReleaseVerifier.ReadManifest(releaseDir);
        var html = await RenderAsync(releaseDir, manifest, steps, ct);
        var bytes = new UTF8Encoding(false).GetBytes(html);
        var temp = $"{outFile}.{Environment.ProcessId}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, outFile, overwrite: true);
        return bytes.Length;
    }

    /// <summary>Every <c>stats/STEP.json</c> of a build's work folder, in the order the plan ran them.</summary>
    public static IReadOnlyList<StepStats> ReadSteps(string workDir)
    {
        var work = new WorkFolder(workDir);
        var stats = Path.Combine(workDir, "stats");
        if (!Directory.Exists(stats)) throw new Corpus.Core.CorpusUserException($"{workDir} has no stats/ folder: give the work folder a build printed.");
        var order = File.Exists(work.PlanPath) ? WorkPlan.Load(work.PlanPath).Stages.Select(s => s.Name).ToList() : [];
        return Directory.GetFiles(stats, "*.json")
            .Select(f => StepStats.Read(work, Path.GetFileNameWithoutExtension(f)))
            .OfType<StepStats>()
            .OrderBy(s => order.IndexOf(s.Step) is var i && i >= 0 ? i : int.MaxValue).ThenBy(s => s.Step, StringComparer.Ordinal)
            .ToList();
    }
}
