using System.CommandLine;
using Corpus.Reporting;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus report RELEASE_DIR [--out FILE] [--work DIR]</c>: the release's self-contained HTML report (the page every
/// build writes into the release), optionally with the per-step timing of the build whose work folder is given.
/// </summary>
public static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var dirArg = new Argument<string>("RELEASE_DIR") { Description = "A release folder (releases/<version>)." };
        var outOption = new Option<string?>("--out") { Description = "The HTML file to write (default: report.html in the release, which must then come out as listed)." };
        var workOption = new Option<string?>("--work") { Description = "The build's work folder (the build prints it): adds timing per step from its stats/." };
        var command = new Command("report", "Write a release's build report: one self-contained HTML page.") { dirArg, outOption, workOption };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(dirArg)!;
            var steps = parse.GetValue(workOption) is { } work ? ReleaseReport.ReadSteps(work) : null;
            var written = await ReleaseReport.WriteAsync(dir, parse.GetValue(outOption), steps, ct);
            await output.WriteLineAsync($"Report written to {written.Path} ({written.Bytes:N0} bytes)");
            return CorpusApp.Ok;
        });
        return command;
    }
}
