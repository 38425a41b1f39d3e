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
    public string Drafts(int task) => Path.Combine(Root, "drafts", $"task-{task:D3}.bin");
    public string Removals(int task) => Path.Combine(Root, "removals", $"task-{task:D3}.bin");
    public string Clusters(int task) => Path.Combine(Root, "clusters", $"task-{task:D3}.bin");
    public string OutputPart(int task) => Path.Combine(Root, "out", $"part-{task:D3}.jsonl");

    /// <summary>
    /// Deletes the sorted runs task <paramref name="task"/> spilled into the partitions of one stage (<see cref="LineRuns"/>
    /// or <see cref="BucketRuns"/>), so a task re-run after a kill starts clean instead of beside the killed attempt's runs.
    /// </summary>
    public static void DeleteTaskRuns(Func<int, string> partitionFolder, int partitions, int task)
    {
        for (var p = 0; p < partitions; p++)
        {
            var dir = partitionFolder(p);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, $"task-{task:D3}-run-*")) File.Delete(file);
        }
    }

    public static IEnumerable<string> RunFiles(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*-run-*.bin").Order(StringComparer.Ordinal) : [];
}
