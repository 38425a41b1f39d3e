using System.CommandLine;
using System.Diagnostics;
using Corpus.Core.Recipes;
using Corpus.Parquet.Release;
using Corpus.Pipeline;

namespace Corpus.Cli.Commands;

/// <summary><c>corpus build [RECIPE] [--out DIR]</c>: runs the build plan in this process and publishes a release.</summary>
public static class BuildCommand
{
    public const string DefaultRecipe = "datasets/sample/corpus.yaml";

    public static Command Create(TextWriter output)
    {
        var recipeArg = new Argument<string>("RECIPE")
        {
            Description = "The dataset recipe (corpus.yaml).",
            DefaultValueFactory = _ => DefaultRecipe,
        };
        var outOption = new Option<string?>("--out") { Description = "Folder that receives releases/<version> (default: the recipe's output.dir)." };
        var allowEmptyOption = new Option<bool>("--allow-empty") { Description = "Publish a release even when the sources gave no documents." };
        var command = new Command("build", "Crawl, extract, clean, annotate, deduplicate and write a versioned Parquet release.")
        {
            recipeArg, outOption, allowEmptyOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var recipePath = parse.GetValue(recipeArg)!;
            var recipe = RecipeLoader.Load(recipePath);
            var outDir = parse.GetValue(outOption) is { } o ? Path.GetFullPath(o) : recipe.ResolvePath(recipe.Output.Dir);
            var writer = new ReleaseWriter(recipe, outDir, CorpusApp.ToolVersion);
            if (Directory.Exists(writer.TargetPath)) throw new ReleaseExistsException(writer.TargetPath, recipe.Version);
            OutputLocation.EnsureWritableFolder(outDir);

            await output.WriteLineAsync($"Building {recipe.Name} {recipe.Version} ...");
            var result = await RunAsync(output, recipe, recipePath, outDir, ct, parse.GetValue(allowEmptyOption));
            await output.WriteLineAsync($"Release written to {result.Release}");
            await output.WriteLineAsync($"Shards: {Path.Combine(result.Release, "data")}");
            return result.Report.AddsUp ? CorpusApp.Ok : CorpusApp.InternalError;
        });
        return command;
    }

    /// <summary>Runs the plan in this process with live progress, then prints the accounting and the per-step table.</summary>
    public static async Task<InProcessResult> RunAsync(TextWriter output, Recipe recipe, string recipePath, string outDir, CancellationToken ct, bool allowEmpty = false)
    {
        var clock = Stopwatch.StartNew();
        InProcessResult result;
        await using (var progress = new BuildProgress(output, BuildProgress.IsTerminal(output)))
        {
            var build = new InProcessBuild(recipe, recipePath, outDir, CorpusApp.ToolVersion) { StepStarted = progress.StepStarted, AllowEmpty = allowEmpty };
            result = await build.RunAsync(ct);
        }
        await SummaryTable.WriteAsync(output, result.Report, result.Manifest, clock.Elapsed);
        await StepTable.WriteAsync(output, result.Steps);
        await output.WriteLineAsync($"Work folder (crawl, logs, stats): {result.Work.Root}");
        await BuildReportNote.WriteAsync(output, result, ct);
        if (result.Resumed) await output.WriteLineAsync("Resumed the unfinished build in that folder (its done steps and fetched pages were kept).");
        foreach (var leftover in result.Cleaned) await output.WriteLineAsync($"Removed a dead build's leftover: {leftover}");
        return result;
    }
}
