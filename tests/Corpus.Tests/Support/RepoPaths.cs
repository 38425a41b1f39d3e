namespace Corpus.Tests.Support;

/// <summary>
/// Paths into the repository, found from the test binary's location. Tests read only what is committed here, so
/// they pass on a fresh clone anywhere; larger dev sets outside the repository are for `corpus eval …`, which takes paths.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleRecipe => Path.Combine(Root, "datasets", "sample", "corpus.yaml");
    public static string SampleSite => Path.Combine(Root, "datasets", "sample", "site");
    public static string Schemas => Path.Combine(Root, "schemas");
    public static string TestsFolder => Path.Combine(Root, "tests", "Corpus.Tests");
    /// <summary>The seed article's text as published (see Support/Data/README.md); the sample site's dunia page carries it.</summary>
    public static string SeedArticle => Path.Combine(TestsFolder, "Support", "Data", "seed-article.txt");
    /// <summary>The ScrapingHub article-extraction benchmark (MIT): pages, ground truth and published outputs.</summary>
    public static string ScrapingHub => Path.Combine(TestsFolder, "Extraction", "ScrapingHub");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Corpus.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Corpus.sln not found above the test binaries.");
    }
}
