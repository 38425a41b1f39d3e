namespace Corpus.Tests.Support;

/// <summary>Paths into the repository and the shared folder beside it, found from the test binary's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleRecipe => Path.Combine(Root, "datasets", "sample", "corpus.yaml");
    public static string SampleSite => Path.Combine(Root, "datasets", "sample", "site");
    public static string Schemas => Path.Combine(Root, "schemas");
    /// <summary>The read-only shared folder (dev sets, seeds) that sits beside the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    public static string SeedArticle => Path.Combine(Shared, "seeds", "000_3567c7b2bccd99c7.txt");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Corpus.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Corpus.sln not found above the test binaries.");
    }
}
