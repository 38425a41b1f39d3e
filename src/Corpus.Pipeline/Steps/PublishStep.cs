using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;
using Corpus.Reporting;

namespace Corpus.Pipeline.Steps;

/// <summary>
/// Step <c>publish</c> (one task): one pass over the filtered ranges in build order gives the accounting, the input
/// digest and the kept rows' counts (nothing held but tallies); the write tasks' shards, with the manifest, changelog,
/// charts, card and recipe, are published as the release in one rename.
/// </summary>
public static class PublishStep
{
    /// <summary>The release writer with what every build's release carries beside the shards: the promo summary and the report.</summary>
    /// <param name="streamed">The report's tallies, fed with the same documents (see <see cref="ReleaseScan.FromDocuments"/>), so the shards are not read back.</param>
    public static ReleaseWriter Writer(Recipe recipe, string releasesRoot, string toolVersion, PromoSummary.Tally promos, SetAsideExamples? setAside = null,
        ReleaseScan? streamed = null) =>
        new(recipe, releasesRoot, toolVersion)
        {
            Report = (dir, manifest, token) => ReleaseReport.RenderAsync(dir, manifest, setAside, streamed, ct: token),
            Texts = new Dictionary<string, string> { [PromoSummary.FileName] = promos.ToSummary().ToJson() },
        };

    public static async Task RunAsync(TaskContext context, Recipe recipe, CancellationToken ct)
    {
        var work = context.Work;
        var tasks = context.Plan.Tasks;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        long input = 0;
        var archives = new List<string>();
        for (var t = 0; t < tasks; t++)
        {
            var counts = ProcessCounts.Read(ProcessStep.Folder(work, t));
            input += counts.Input;
            archives.AddRange(counts.Archives);
        }
        var tally = new BuildReport.Tally();
        var promos = new PromoSummary.Tally();
        var setAside = new SetAsideExamples();
        var scan = ReleaseScan.FromDocuments(setAside);
        using var digest = new InputDigest.Builder();
        var statistics = new ReleaseStatistics();
        var pagesByWarc = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < tasks; r++)
            foreach (var d in DocumentParts.Read(DedupSteps.FilteredFile(work, r)))
            {
                ct.ThrowIfCancellationRequested();
                tally.Add(d);
                promos.Add(d);
                setAside.Add(d);
                scan.Add(d);
                digest.Add(d);
                if (d.IsKept) statistics.Add(d);
                if (d.WarcFile is not null) pagesByWarc[Path.GetFileName(d.WarcFile)] = pagesByWarc.GetValueOrDefault(Path.GetFileName(d.WarcFile)) + 1;
            }
        var report = tally.ToReport(input);
        if (!report.AddsUp)
            throw new InvalidOperationException($"accounting does not add up: {input} input documents, {tally.Documents} in the filtered ranges.");
        report = SourceCheck.Apply(work, context.Plan, recipe, report, pagesByWarc);
        var inputs = digest.ToDigest(archives, recipe.ResolvePath);
        // Kept beside the stats for the report the build renders again with timing once the release is out.
        setAside.Save(Path.Combine(work.Root, SetAsideExamples.FileName));
        var writer = Writer(recipe, context.Plan.Out, context.Plan.ToolVersion, promos, setAside, scan);

        if (Directory.Exists(writer.TargetPath))
        {
            await AdoptEarlierAttemptAsync(writer.TargetPath, recipe, report, inputs, context, ct);
            return;
        }
        var shards = writer.Tables
            .SelectMany(table => Enumerable.Range(0, tasks).SelectMany(t => WriteStep.Written(work, t)).Where(s => s.File.Table == table.Schema.Name))
            .ToList();
        var manifest = await writer.PublishAsync(shards, statistics.ToCounts(), inputs, report, ct);
        context.Checkpoint(); // published, done marker not yet written: the window AdoptEarlierAttemptAsync covers
        await SummaryTable.WriteAsync(context.Log, report, manifest, clock.Elapsed);
        await context.Log.WriteLineAsync($"Release written to {writer.TargetPath}");
        CountReport(context, report);
        context.Count("docs_in", report.Input);
        context.Count("docs_out", report.Kept);
        context.Count("bytes_out", manifest.Files.Sum(f => f.Bytes));
    }

    private static void CountReport(TaskContext context, BuildReport report)
    {
        context.Count("input", report.Input);
        context.Count("kept", report.Kept);
        context.Count("excluded", report.Excluded);
        context.Count("duplicates", report.Duplicates);
        context.Count("failed", report.Failed);
    }

    /// <summary>
    /// A publish task killed between publishing the release and writing its done marker finds its own release in place.
    /// It is taken as this task's result only when it is provably the same build — same recipe, same inputs, same
    /// accounting — and verifies against its manifest; any other release of this version is refused (immutability).
    /// </summary>
    private static async Task AdoptEarlierAttemptAsync(string target, Recipe recipe, BuildReport report, InputDigest inputs, TaskContext context, CancellationToken ct)
    {
        var existing = ReleaseVerifier.ReadManifest(target);
        string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, ReleaseManifest.Json);
        if (existing.RecipeSha256 != recipe.Sha256 || Json(existing.Build) != Json(report) || Json(existing.Inputs) != Json(inputs))
            throw new ReleaseExistsException(target, recipe.Version);
        await ReleaseVerifier.VerifyAsync(target, ct);
        await context.Log.WriteLineAsync($"{target} is this build's release, published by an earlier attempt of this task (same recipe, inputs and counts; verified).");
        CountReport(context, report);
    }
}
