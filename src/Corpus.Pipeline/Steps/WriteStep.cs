using System.Collections;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;
using Corpus.Reporting;

namespace Corpus.Pipeline.Steps;

/// <summary>
/// Step <c>write</c> (one task): the filtered ranges one after the other are every document in build order; the
/// release writer streams them from disk into the shards, manifest and card, published atomically.
/// </summary>
public static class WriteStep
{
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
        var documents = new PartFiles(Enumerable.Range(0, tasks).Select(r => DedupSteps.FilteredFile(work, r)).ToList());
        var tally = new BuildReport.Tally();
        var promos = new PromoSummary.Tally();
        foreach (var d in documents) { tally.Add(d); promos.Add(d); }
        var writer = new ReleaseWriter(recipe, context.Plan.Out, context.Plan.ToolVersion)
        {
            Report = (dir, manifest, token) => ReleaseReport.RenderAsync(dir, manifest, ct: token),
            Texts = new Dictionary<string, string> { [PromoSummary.FileName] = promos.ToSummary().ToJson() },
        };
        var report = tally.ToReport(input);
        if (!report.AddsUp)
            throw new InvalidOperationException($"accounting does not add up: {input} input documents, {tally.Documents} in the filtered ranges.");
        report = SourceCheck.Apply(work, context.Plan, recipe, report, documents);
        var build = new BuildResult(documents, report, archives);
        if (Directory.Exists(writer.TargetPath))
        {
            await AdoptEarlierAttemptAsync(writer.TargetPath, recipe, build, context, ct);
            return;
        }
        var manifest = await writer.WriteAsync(build, ct);
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
    /// A write task killed between publishing the release and writing its done marker finds its own release in place.
    /// It is taken as this task's result only when it is provably the same build — same recipe, same inputs, same
    /// accounting — and verifies against its manifest; any other release of this version is refused (immutability).
    /// </summary>
    private static async Task AdoptEarlierAttemptAsync(string target, Recipe recipe, BuildResult build, TaskContext context, CancellationToken ct)
    {
        var existing = ReleaseVerifier.ReadManifest(target);
        string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, ReleaseManifest.Json);
        var inputs = InputDigest.From(build.Documents, build.ArchiveFiles ?? [], recipe.ResolvePath);
        if (existing.RecipeSha256 != recipe.Sha256 || Json(existing.Build) != Json(build.Report) || Json(existing.Inputs) != Json(inputs))
            throw new ReleaseExistsException(target, recipe.Version);
        await ReleaseVerifier.VerifyAsync(target, ct);
        await context.Log.WriteLineAsync($"{target} is this build's release, published by an earlier attempt of this task (same recipe, inputs and counts; verified).");
        CountReport(context, build.Report);
    }

    /// <summary>
    /// Part files read as one list of documents in build order, from disk again on every enumeration: the writer's
    /// passes (kept rows, excluded rows, input digest) stream instead of holding the corpus.
    /// </summary>
    private sealed class PartFiles(IReadOnlyList<string> files) : IReadOnlyList<Document>
    {
        private int? _count;

        public int Count => _count ??= files.Sum(f => File.ReadLines(f).Count(l => l.Length > 0));

        public Document this[int index] => throw new NotSupportedException("part files are read in order, not by position.");

        public IEnumerator<Document> GetEnumerator() => files.SelectMany(DocumentParts.Read).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
