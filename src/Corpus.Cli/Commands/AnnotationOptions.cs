using System.CommandLine;
using Corpus.Annotation;
using Corpus.Core.Recipes;

namespace Corpus.Cli.Commands;

/// <summary>The options <c>annotate</c> and <c>eval annotate</c> share: where settings come from.</summary>
public sealed class AnnotationOptions
{
    public Option<string?> Recipe { get; } = new("--recipe") { Description = "Take the languages and the annotation settings from this recipe." };
    public Option<string?> Languages { get; } = new("--languages") { Description = "Candidate languages, comma-separated ISO 639-1 (default: the recipe's, else every language the detector knows)." };
    public Option<string?> TopicModel { get; } = new("--topic-model") { Description = "A model made by 'corpus topics train' (default: the recipe's, else the shipped one; 'keywords' for the keyword priors alone)." };

    public void AddTo(Command command)
    {
        command.Add(Recipe);
        command.Add(Languages);
        command.Add(TopicModel);
    }

    public Annotator Build(ParseResult parse)
    {
        var recipePath = parse.GetValue(Recipe);
        var recipe = recipePath is null ? null : RecipeLoader.Load(recipePath);
        // The flags bind to the same options record as the recipe's annotation: section, over it.
        var settings = recipe?.Annotation ?? AnnotationSettings.Default;
        Func<string, string> resolve = recipe is null ? Path.GetFullPath : recipe.ResolvePath;
        if (parse.GetValue(TopicModel) is { } model)
        {
            settings = settings with { TopicModel = model == "keywords" ? model : Path.GetFullPath(model) };
            resolve = Path.GetFullPath;
        }
        var languages = parse.GetValue(Languages)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
                        ?? (recipe is { Languages.Count: > 0 } ? recipe.Languages : []);
        return new Annotator(languages, settings, resolve);
    }
}
