using System.CommandLine;
using System.Diagnostics;
using Corpus.Cli.Composition;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Parquet.Release;

namespace Corpus.Cli.Commands;

/// <summary><c>corpus build [RECIPE] [--out DIR]</c>: runs every stage and publishes a release.</summary>
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
            var recipe = RecipeLoader.Load(parse.GetValue(recipeArg)!);
            var outDir = parse.GetValue(outOption) is { } o ? Path.GetFullPath(o) : recipe.ResolvePath(recipe.Output.Dir);
            var writer = new ReleaseWriter(recipe, outDir, CorpusApp.ToolVersion);
            if (Directory.Exists(writer.TargetPath)) throw new ReleaseExistsException(writer.TargetPath, recipe.Version);
            OutputLocation.EnsureWritableFolder(outDir);

            var clock = Stopwatch.StartNew();
            await output.WriteLineAsync($"Building {recipe.Name} {recipe.Version} ...");
            var source = new CrawlSource(recipe, software: $"Corpus/{CorpusApp.ToolVersion}");
            var result = BuildSourceCheck.Apply(recipe, source, await BuildPipeline.Create(recipe, source).RunAsync(ct), parse.GetValue(allowEmptyOption));
            var manifest = await writer.WriteAsync(result, ct);
            await SummaryTable.WriteAsync(output, result.Report, manifest, clock.Elapsed);
            await output.WriteLineAsync($"Release written to {writer.TargetPath}");
            await output.WriteLineAsync($"Shards: {Path.Combine(writer.TargetPath, "data")}");
            return result.Report.AddsUp ? CorpusApp.Ok : CorpusApp.InternalError;
        });
        return command;
    }
}
