using Corpus.Core;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Crawling.Crawler;

namespace Corpus.Cli.Commands;

/// <summary>
/// After the pipeline, before anything is published: the sources that gave no pages go into the build report (so
/// the summary and the manifest name them), and a build with no input document at all stops with exit 1 unless
/// <c>--allow-empty</c> was given: an empty release would use up the version and hide the broken source.
/// </summary>
public static class BuildSourceCheck
{
    public static BuildResult Apply(Recipe recipe, CrawlSource source, BuildResult result, bool allowEmpty)
    {
        var empty = SourceYields.Of(recipe, source.Crawl, result.Documents).Where(y => y.IsEmpty).ToList();
        if (empty.Count > 0) result = result with { Report = result.Report with { EmptySources = empty } };
        if (result.Report.Input == 0 && !allowEmpty)
        {
            var why = empty.Count > 0 ? string.Join("; ", empty) : "the recipe lists no source";
            throw new CorpusUserException($"the build of {recipe.Name} {recipe.Version} read no document, so nothing was published ({why}); fix the recipe's sources, or pass --allow-empty to publish it anyway.");
        }
        return result;
    }
}
