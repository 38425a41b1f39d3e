namespace Corpus.Dedup.Staging;

/// <summary>
/// Where the stages leave their files in the work folder. Stages only talk through these files, so each can run
/// in its own process (a Slurm array task, a Kubernetes indexed pod) given the task index and count.
/// </summary>
public sealed record WorkLayout(string Root)
{
    public string LineRuns(int partition) => Path.Combine(Root, "lines", $"p{partition:D3}");
    public string RepeatedLines(int partition) => Path.Combine(Root, "repeated", $"p{partition:D3}.bin");
    public string LineHistogram(int partition) => Path.Combine(Root, "repeated", $"p{partition:D3}.histogram.tsv");
    public string BucketRuns(int partition) => Path.Combine(Root, "buckets", $"p{partition:D3}");
    public string Meta(int task) => Path.Combine(Root, "meta", $"task-{task:D3}.bin");
    public string Edges(int partition) => Path.Combine(Root, "edges", $"p{partition:D3}.bin");
    public string Clusters(int task) => Path.Combine(Root, "clusters", $"task-{task:D3}.bin");
    public string OutputPart(int task) => Path.Combine(Root, "out", $"part-{task:D3}.jsonl");

    public static IEnumerable<string> RunFiles(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*-run-*.bin").Order(StringComparer.Ordinal) : [];
}
