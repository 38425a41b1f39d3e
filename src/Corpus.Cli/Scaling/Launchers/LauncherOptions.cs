namespace Corpus.Cli.Scaling.Launchers;

/// <summary>What a task asks of the cluster, and how the cluster starts Corpus.</summary>
public sealed record LauncherOptions
{
    public required TaskCommandLine Command { get; init; }
    public int Cpus { get; init; } = 2;
    public int MemoryGb { get; init; } = 8;
    /// <summary>Slurm time limit per task (<c>--time</c>).</summary>
    public string Time { get; init; } = "04:00:00";
    /// <summary>Extra <c>#SBATCH</c> options (<c>--partition=cpu</c>, <c>--account=nlp</c>).</summary>
    public IReadOnlyList<string> SbatchOptions { get; init; } = [];
    /// <summary>Container image holding the <c>corpus</c> command (Kubernetes).</summary>
    public string Image { get; init; } = "corpus:latest";
    /// <summary>The ReadWriteMany PersistentVolumeClaim that holds the work folder, the recipe and the output (Kubernetes).</summary>
    public string VolumeClaim { get; init; } = "corpus-shared";
    /// <summary>Where the claim is mounted in every pod: the same path the plan's folders have on the planning machine.</summary>
    public required string MountPath { get; init; }
}
