using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Corpus.Core;
using Corpus.Core.Jsonl;
using Corpus.Core.Recipes;
using Corpus.Dedup;
using Corpus.Dedup.Jsonl;
using Corpus.Dedup.Staging;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus dedup --in IN.jsonl [--out OUT.jsonl]</c>: dedups any JSON Lines corpus, every stage locally on
/// <c>--tasks</c> workers. A scaled-out build runs the same stages as tasks of its plan (<c>corpus plan/task/run</c>).
/// </summary>
public static class DedupCommand
{
    public static Command Create(TextWriter output)
    {
        var inOption = new Option<string>("--in") { Description = "JSON Lines input: objects with 'id' and 'text' (and optionally 'url', 'domain', 'published'); '-' reads standard input.", Required = true };
        var outOption = new Option<string?>("--out") { Description = "Where to write the result (default: standard output)." };
        var recipeOption = new Option<string?>("--recipe") { Description = "Take the dedup settings from this recipe's 'dedup:' section (default: the built-in defaults)." };
        var tasksOption = new Option<int?>("--tasks") { Description = "Number of slices N and local workers (default: the recipe's dedup.tasks)." };
        var workOption = new Option<string?>("--work") { Description = "Folder the stages exchange files in (default: a temporary folder, deleted at the end)." };
        var command = new Command("dedup", "Mark exact and near duplicates and remove repeated site lines in a JSON Lines corpus.")
        {
            inOption, outOption, recipeOption, tasksOption, workOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            // The flags bind to the same options record as the recipe's dedup: section, checked against the same range.
            var settings = parse.GetValue(recipeOption) is { } r ? RecipeLoader.Load(r).Dedup : new DedupSettings();
            if (parse.GetValue(tasksOption) is { } n)
                settings = settings with { Tasks = RecipeKeys.CheckFlag(RecipeKeys.For<DedupSettings>(nameof(DedupSettings.Tasks)), "--tasks", n) };
            var options = DedupOptions.From(settings);
            // The stages read the input more than once: standard input is kept in a temporary file first.
            await using var input = await StandardInput.SpoolIfDashAsync(parse.GetValue(inOption)!, ct);
            var source = new JsonlDedupSource(input.Path);
            var outPath = parse.GetValue(outOption);
            var work = parse.GetValue(workOption);

            var temp = work is null;
            var layout = new WorkLayout(work is null ? Path.Combine(Path.GetTempPath(), "corpus-dedup", Guid.NewGuid().ToString("N")) : Path.GetFullPath(work));
            try
            {
                var clock = Stopwatch.StartNew();
                var runner = new DedupRunner(options, layout);
                // The filter reads the input once more and writes the output in input order itself (no parts to merge).
                long rows = 0;
                DedupSummary summary;
                using (var writer = JsonLines.OpenWriter(outPath))
                    summary = runner.RunLocal(source, () => rows = JsonlFilter.WriteOrdered(source, runner, writer));
                if (outPath is not null and not "-") await PrintSummary(output, summary, rows, options, clock.Elapsed, outPath);
            }
            finally
            {
                if (temp) try { Directory.Delete(layout.Root, recursive: true); } catch (IOException) { }
            }
            return CorpusApp.Ok;
        });
        return command;
    }

    private static async Task PrintSummary(TextWriter output, DedupSummary s, long rows, DedupOptions options, TimeSpan elapsed, string outPath)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"documents {s.Documents:N0}, duplicates {s.Duplicates:N0} in {s.Clusters:N0} clusters, kept {s.Documents - s.Duplicates:N0}"));
        if (options.RepeatedLines)
        {
            await output.WriteLineAsync(string.Create(c, $"repeated lines (in >= {options.RepeatedLineMinDocs} documents of a host): {s.RepeatedLines:N0}"));
            await output.WriteLineAsync("distinct lines by documents of the same host that contain them: " +
                string.Join(", ", s.LineHistogram.Select(kv => string.Create(c, $"{kv.Key}: {kv.Value:N0}"))));
        }
        await output.WriteLineAsync(string.Create(c, $"{rows:N0} rows written to {outPath} in {elapsed.TotalSeconds:0.0} s ({options.Tasks} tasks)"));
        if (s.Times.Count > 0)
            await output.WriteLineAsync("stages (wall / CPU): " + string.Join(", ", s.Times.Select(t => string.Create(c, $"{t.Stage} {t.Wall.TotalSeconds:0.00} / {t.Cpu.TotalSeconds:0.00} s"))));
    }
}
