using Corpus.Pipeline;
using Corpus.Reporting;

namespace Corpus.Cli.Commands;

/// <summary>
/// After an in-process build: the release's <c>report.html</c> (no timing, so the release stays byte-identical however
/// it is built) and the same page with the steps' timing, written into the build's work folder beside its stats.
/// </summary>
public static class BuildReportNote
{
    public static async Task WriteAsync(TextWriter output, InProcessResult result, CancellationToken ct)
    {
        var setAside = SetAsideExamples.Load(Path.Combine(result.Work.Root, SetAsideExamples.FileName));
        var timed = await ReleaseReport.WriteAsync(result.Release, Path.Combine(result.Work.Root, ReleaseReport.FileName), result.Steps, setAside, ct);
        await output.WriteLineAsync($"Report: {Path.Combine(result.Release, ReleaseReport.FileName)} (with timing per step: {timed.Path})");
    }
}
