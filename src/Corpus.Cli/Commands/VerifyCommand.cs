using System.CommandLine;
using Corpus.Parquet.Release;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus verify RELEASE_DIR</c>: exactly the listed files with their sizes and sha256, the recipe copy, embedded
/// recipe and hash in agreement, the version equal to the folder's name, every shard's rows, row groups and schema, and
/// the counts recomputed from the rows equal to the manifest's (see <see cref="ReleaseVerifier"/>). Exit 0, or 1 with
/// the first problem named.
/// </summary>
public static class VerifyCommand
{
    public static Command Create(TextWriter output)
    {
        var dirArg = new Argument<string>("RELEASE_DIR") { Description = "A release folder (releases/<version>)." };
        var command = new Command("verify", "Check a release against its manifest and its published schema.") { dirArg };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(dirArg)!;
            var r = await ReleaseVerifier.VerifyAsync(dir, ct);
            var schemas = string.Join(", ", r.SchemaVersions.Select(kv => $"{kv.Key}/v{kv.Value}"));
            await output.WriteLineAsync($"OK {r.Dataset} {r.Version}: {r.Files} files match manifest.json (sha256 and size, none missing, none stray), recipe and counts recomputed from the rows agree, {r.Rows} kept rows, schemas {schemas}");
            return CorpusApp.Ok;
        });
        return command;
    }
}
