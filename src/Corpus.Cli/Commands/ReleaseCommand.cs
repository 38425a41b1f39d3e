using System.CommandLine;
using Corpus.Core;
using Corpus.Core.Recipes;
using Corpus.Parquet.Release;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus release [RECIPE] --version X.Y.Z | --bump major|minor|patch</c>: builds the next version of a dataset
/// and publishes it beside the earlier ones, with <c>CHANGELOG.md</c> against its predecessor.
/// </summary>
public static class ReleaseCommand
{
    public static Command Create(TextWriter output)
    {
        var recipeArg = new Argument<string>("RECIPE")
        {
            Description = "The dataset recipe (corpus.yaml).",
            DefaultValueFactory = _ => BuildCommand.DefaultRecipe,
        };
        var versionOption = new Option<string?>("--version") { Description = "The version to publish, X.Y.Z." };
        var bumpOption = new Option<string?>("--bump") { Description = "Publish the latest release's version bumped: major, minor or patch." };
        bumpOption.AcceptOnlyFromAmong("major", "minor", "patch");
        var outOption = new Option<string?>("--out") { Description = "Folder that holds releases/<version> (default: the recipe's output.dir)." };
        var command = new Command("release", "Build and publish a new version of a dataset, with a changelog against the previous one.")
        {
            recipeArg, versionOption, bumpOption, outOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var recipe = RecipeLoader.Load(parse.GetValue(recipeArg)!);
            var outDir = parse.GetValue(outOption) is { } o ? Path.GetFullPath(o) : recipe.ResolvePath(recipe.Output.Dir);
            var (explicitVersion, bump) = (parse.GetValue(versionOption), parse.GetValue(bumpOption));
            if ((explicitVersion is null) == (bump is null))
                throw new CorpusUserException("Give exactly one of --version X.Y.Z or --bump major|minor|patch.");
            var published = SemanticVersion.Published(outDir);
            var version = explicitVersion is not null
                ? SemanticVersion.Parse(explicitVersion)
                : published.Count > 0 ? published[^1].Bump(bump!) : SemanticVersion.Parse(recipe.Version);
            if (published.Count > 0 && version.CompareTo(published[^1]) < 0)
                throw new CorpusUserException($"Version {version} is older than the latest release, {published[^1]}; releases only move forward.");
            RecipeVersion.Set(recipe, version.ToString());

            var writer = new ReleaseWriter(recipe, outDir, CorpusApp.ToolVersion);
            if (Directory.Exists(writer.TargetPath)) throw new ReleaseExistsException(writer.TargetPath, recipe.Version);
            await output.WriteLineAsync($"Releasing {recipe.Name} {recipe.Version}" + (published.Count > 0 ? $" (previous: {published[^1]}) ..." : " (first release) ..."));
            var result = await BuildCommand.RunAsync(output, recipe, parse.GetValue(recipeArg)!, outDir, ct);
            var manifest = result.Manifest;
            if (manifest.Predecessor is { } previous)
            {
                var diff = await ReleaseDiff.CompareAsync(Path.Combine(outDir, previous), writer.TargetPath, ct);
                await output.WriteAsync(diff.ToText());
                await output.WriteLineAsync($"Changelog: {Path.Combine(writer.TargetPath, "CHANGELOG.md")}");
            }
            await output.WriteLineAsync($"Release written to {writer.TargetPath}");
            return result.Report.AddsUp ? CorpusApp.Ok : CorpusApp.InternalError;
        });
        return command;
    }
}
