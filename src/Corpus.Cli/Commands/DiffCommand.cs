using System.CommandLine;
using Corpus.Parquet.Release;

namespace Corpus.Cli.Commands;

/// <summary><c>corpus diff RELEASE_A RELEASE_B</c>: documents added, removed and changed, count changes, schema changes.</summary>
public static class DiffCommand
{
    public static Command Create(TextWriter output)
    {
        var aArg = new Argument<string>("RELEASE_A") { Description = "The older release folder." };
        var bArg = new Argument<string>("RELEASE_B") { Description = "The newer release folder." };
        var markdown = new Option<bool>("--markdown") { Description = "Print the full changelog in Markdown (as CHANGELOG.md holds it)." };
        var command = new Command("diff", "Compare two releases: documents by id and text hash, counts by language/topic/domain, schema.") { aArg, bArg, markdown };
        command.SetAction(async (parse, ct) =>
        {
            var diff = await ReleaseDiff.CompareAsync(parse.GetValue(aArg)!, parse.GetValue(bArg)!, ct);
            await output.WriteAsync(parse.GetValue(markdown) ? diff.ToMarkdown() : diff.ToText());
            return CorpusApp.Ok;
        });
        return command;
    }
}
