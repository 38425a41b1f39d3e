namespace Corpus.Tests.Support;

/// <summary>
/// Values of the <c>Category</c> trait that set the slow tests apart, so a developer can run the fast ones alone:
/// <c>dotnet test Corpus.sln --filter "Category!=EndToEnd&amp;Category!=Scale"</c>. Unmarked tests are fast.
/// </summary>
public static class TestCategory
{
    public const string Name = "Category";
    /// <summary>Whole builds of the sample (crawl to release) and the 181-page extraction floor.</summary>
    public const string EndToEnd = "EndToEnd";
    /// <summary>Scaled-out builds: plans, task processes, kills and relaunches, Slurm and Kubernetes.</summary>
    public const string Scale = "Scale";
}
