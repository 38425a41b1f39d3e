using System.CommandLine;
using Corpus.Parquet.Release;

namespace Corpus.Cli.Commands;

/// <summary><c>corpus inspect RELEASE_DIR</c>: schema, row count, languages and three sample rows.</summary>
public static class InspectCommand
{
    public static Command Create(TextWriter output)
    {
        var dirArg = new Argument<string>("RELEASE_DIR") { Description = "A release folder (releases/<version>)." };
        var command = new Command("inspect", "Show a release's schema, row count, languages and a few rows.") { dirArg };
        command.SetAction(async (parse, ct) =>
        {
            var summary = await ReleaseInspector.InspectAsync(parse.GetValue(dirArg)!, 3, ct);
            await output.WriteLineAsync("Schema:");
            foreach (var (name, type, nullable) in summary.Schema)
                await output.WriteLineAsync($"  {name,-20} {type}{(nullable ? "?" : "")}");
            await output.WriteLineAsync($"Rows: {summary.Rows}");
            await output.WriteLineAsync("Languages:");
            foreach (var (lang, n) in summary.ByLanguage)
                await output.WriteLineAsync($"  {lang,-6} {n}");
            await output.WriteLineAsync("Sample rows:");
            foreach (var row in summary.Samples)
            {
                var text = row.GetValueOrDefault("text")?.ToString() ?? "";
                await output.WriteLineAsync($"  - {row.GetValueOrDefault("id")}  [{row.GetValueOrDefault("language")}]  {row.GetValueOrDefault("title")}");
                await output.WriteLineAsync($"    {row.GetValueOrDefault("url")}");
                await output.WriteLineAsync($"    {(text.Length > 160 ? text[..160] + "…" : text).Replace('\n', ' ')}");
            }
            return CorpusApp.Ok;
        });
        return command;
    }
}
