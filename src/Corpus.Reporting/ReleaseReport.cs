using System.Security.Cryptography;
using System.Text;
using Corpus.Core;
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
    public static Task<string> RenderAsync(string releaseDir, ReleaseManifest manifest, IReadOnlyList<StepStats>? steps = null, CancellationToken ct = default) =>
        RenderAsync(releaseDir, manifest, setAside: null, steps, ct);

    /// <summary>
    /// The same page, its excluded and failed groups taken from <paramref name="setAside"/> (gathered while the build
    /// streamed the documents) rather than from the excluded table's text column.
    /// </summary>
    public static Task<string> RenderAsync(string releaseDir, ReleaseManifest manifest, SetAsideExamples? setAside, IReadOnlyList<StepStats>? steps = null,
        CancellationToken ct = default) =>
        RenderAsync(releaseDir, manifest, setAside, streamed: null, steps, ct);

    /// <summary>
    /// The same page, its tallies taken from <paramref name="streamed"/> (the documents as the build published them; see
    /// <see cref="ReleaseScan.FromDocuments"/>) instead of reading the shards back.
    /// </summary>
    public static async Task<string> RenderAsync(string releaseDir, ReleaseManifest manifest, SetAsideExamples? setAside, ReleaseScan? streamed,
        IReadOnlyList<StepStats>? steps = null, CancellationToken ct = default)
    {
        ReleaseDiff? diff = null;
        if (manifest.Predecessor is { } previous && Path.GetDirectoryName(Path.GetFullPath(releaseDir)) is { } releases
            && File.Exists(Path.Combine(releases, previous, "manifest.json")) && File.Exists(Path.Combine(releaseDir, "manifest.json")))
            diff = await ReleaseDiff.CompareAsync(Path.Combine(releases, previous), releaseDir, ct);
        var data = await ReleaseScan.ReadAsync(releaseDir, manifest, steps, diff, setAside, streamed, ct) with { PromoRules = PromoSummary.Read(releaseDir) };
        return ReportPage.Render(data);
    }

    /// <summary>
    /// Renders the report of a published release (its own manifest) into <paramref name="outFile"/>, or, when that is
    /// null, into the release itself; a published release is never changed, so that is done only when the release lists
    /// <c>report.html</c> and the page comes out byte for byte as listed (a release from before reports, or a report
    /// with timing, goes elsewhere with <c>--out</c>).
    /// </summary>
    public static Task<WrittenReport> WriteAsync(string releaseDir, string? outFile, IReadOnlyList<StepStats>? steps = null, CancellationToken ct = default) =>
        WriteAsync(releaseDir, outFile, steps, setAside: null, ct);

    /// <summary>The same, the excluded and failed groups taken from what the build gathered (see <see cref="SetAsideExamples"/>).</summary>
    public static async Task<WrittenReport> WriteAsync(string releaseDir, string? outFile, IReadOnlyList<StepStats>? steps, SetAsideExamples? setAside,
        CancellationToken ct = default)
    {
        var manifest = ReleaseVerifier.ReadManifest(releaseDir);
        var bytes = new UTF8Encoding(false).GetBytes(await RenderAsync(releaseDir, manifest, setAside, steps, ct));
        if (outFile is null)
        {
            outFile = Path.Combine(releaseDir, FileName);
            var listed = manifest.OtherFiles.FirstOrDefault(f => f.Path == FileName)
                ?? throw new CorpusUserException($"{releaseDir} is a published release that does not list {FileName}; write the report elsewhere with --out FILE.");
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != listed.Sha256)
                throw new CorpusUserException($"The report would differ from the {FileName} that {Path.Combine(releaseDir, "manifest.json")} lists, and a published release is never changed; write it elsewhere with --out FILE.");
        }
        var full = Path.GetFullPath(outFile);
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
            throw new CorpusUserException($"The folder of {outFile} does not exist.");
        var temp = $"{full}.{Environment.ProcessId}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, full, overwrite: true);
        return new WrittenReport(full, bytes.Length);
    }

    /// <summary>Every <c>stats/STEP.json</c> of a build's work folder, in the order the plan ran them.</summary>
    public static IReadOnlyList<StepStats> ReadSteps(string workDir)
    {
        var work = new WorkFolder(workDir);
        var stats = Path.Combine(workDir, "stats");
        if (!Directory.Exists(stats)) throw new CorpusUserException($"{workDir} has no stats/ folder: give the work folder a build printed.");
        var order = File.Exists(work.PlanPath) ? WorkPlan.Load(work.PlanPath).Stages.Select(s => s.Name).ToList() : [];
        return Directory.GetFiles(stats, "*.json")
            .Select(f => StepStats.Read(work, Path.GetFileNameWithoutExtension(f)))
            .OfType<StepStats>()
            .OrderBy(s => order.IndexOf(s.Step) is var i && i >= 0 ? i : int.MaxValue).ThenBy(s => s.Step, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>Where a report was written and its size in bytes.</summary>
public sealed record WrittenReport(string Path, long Bytes);
