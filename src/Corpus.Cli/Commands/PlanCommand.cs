using System.CommandLine;
using Corpus.Cli.Scaling;
using Corpus.Cli.Scaling.Launchers;
using Corpus.Core;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Pipeline;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus plan [RECIPE] --tasks N --work DIR --executor local|slurm|k8s</c>: fixes the build's stages and task
/// count in <c>DIR/plan.json</c> and writes what the executor needs: nothing more for the local runner, sbatch
/// scripts for Slurm, Job manifests for Kubernetes.
/// </summary>
public static class PlanCommand
{
    private static readonly string[] Executors = ["local", "slurm", "k8s"];

    public static Command Create(TextWriter output)
    {
        var recipeArg = new Argument<string>("RECIPE") { Description = "The dataset recipe (corpus.yaml).", DefaultValueFactory = _ => BuildCommand.DefaultRecipe };
        var tasksOption = new Option<int>("--tasks") { Description = "N: how many tasks each stage is cut into.", Required = true };
        var workOption = TaskCommand.WorkOption();
        var executorOption = new Option<string>("--executor") { Description = "Where the tasks run: local, slurm or k8s.", DefaultValueFactory = _ => "local" };
        executorOption.AcceptOnlyFromAmong(Executors);
        var outOption = new Option<string?>("--out") { Description = "Folder that receives releases/<version> (default: the recipe's output.dir)." };
        var roundsOption = new Option<int>("--rounds") { Description = "Crawl rounds: how many cross-task link handovers are followed.", DefaultValueFactory = _ => 3 };
        var workersOption = new Option<int>("--workers") { Description = "For the local executor: tasks at once (shown in the command to run).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cpusOption = new Option<int>("--cpus") { Description = "CPUs per task (Slurm --cpus-per-task, Kubernetes requests).", DefaultValueFactory = _ => 2 };
        var memOption = new Option<int>("--mem") { Description = "Memory per task in GB.", DefaultValueFactory = _ => 8 };
        var timeOption = new Option<string>("--time") { Description = "Slurm time limit per task.", DefaultValueFactory = _ => "04:00:00" };
        var sbatchOption = new Option<string[]>("--sbatch-option") { Description = "Extra #SBATCH line, e.g. --partition=cpu (repeatable).", AllowMultipleArgumentsPerToken = false };
        var imageOption = new Option<string>("--image") { Description = "Container image with the corpus command (Kubernetes).", DefaultValueFactory = _ => "corpus:latest" };
        var claimOption = new Option<string>("--volume-claim") { Description = "ReadWriteMany PersistentVolumeClaim holding the shared folder (Kubernetes).", DefaultValueFactory = _ => "corpus-shared" };
        var mountOption = new Option<string?>("--mount") { Description = "Path the shared volume is mounted at in pods (default: the folder holding the work folder, recipe and output)." };
        var commandOption = new Option<string?>("--command") { Description = "How cluster nodes start Corpus (default: this executable's path)." };
        var command = new Command("plan", "Plan a build as N tasks per stage for the local runner, Slurm job arrays or Kubernetes Indexed Jobs.")
        {
            recipeArg, tasksOption, workOption, executorOption, outOption, roundsOption, workersOption,
            cpusOption, memOption, timeOption, sbatchOption, imageOption, claimOption, mountOption, commandOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var recipePath = Path.GetFullPath(parse.GetValue(recipeArg)!);
            var recipe = RecipeLoader.Load(recipePath);
            var tasks = parse.GetValue(tasksOption);
            if (tasks is < 1 or > 256) throw new CorpusUserException("--tasks must be between 1 and 256.");
            var rounds = parse.GetValue(roundsOption);
            if (rounds < 1) throw new CorpusUserException("--rounds must be at least 1.");
            var work = new WorkFolder(Path.GetFullPath(parse.GetValue(workOption)!));
            var outDir = parse.GetValue(outOption) is { } o ? Path.GetFullPath(o) : recipe.ResolvePath(recipe.Output.Dir);

            var plan = new WorkPlan
            {
                Dataset = recipe.Name, Version = recipe.Version, Recipe = recipePath, RecipeSha256 = recipe.Sha256,
                Tasks = tasks, Out = outDir, ToolVersion = CorpusApp.ToolVersion, Stages = BuildPlan.Stages(recipe, tasks, rounds),
            };
            var cli = parse.GetValue(commandOption) is { } c ? TaskCommandLine.Parse(c) : TaskCommandLine.Current();
            var options = new LauncherOptions
            {
                Command = cli, Cpus = parse.GetValue(cpusOption), MemoryGb = parse.GetValue(memOption), Time = parse.GetValue(timeOption)!,
                SbatchOptions = parse.GetValue(sbatchOption) ?? [], Image = parse.GetValue(imageOption)!, VolumeClaim = parse.GetValue(claimOption)!,
                MountPath = parse.GetValue(mountOption) ?? CommonFolder([work.Root, Path.GetDirectoryName(recipePath)!, outDir]),
            };
            var executor = parse.GetValue(executorOption)!;
            if (executor == "k8s")
            {
                if (options.MountPath == "/")
                    throw new CorpusUserException("the work folder, the recipe and the output share no folder but '/', which a pod cannot mount a volume at: put them under one shared folder, or give --mount.");
                if (new[] { work.Root, recipePath, outDir }.FirstOrDefault(p => !IsUnder(p, options.MountPath)) is { } outside)
                    throw new CorpusUserException($"{outside} is not under --mount {options.MountPath}, so the pods would not see it: keep the work folder, the recipe and the output on the shared volume.");
            }
            Directory.CreateDirectory(work.Root);
            if (File.Exists(work.PlanPath)) plan.EnsureCompatible(work.LoadPlan(), work.PlanPath);
            else await File.WriteAllTextAsync(work.PlanPath, plan.ToJson(), ct);
            await output.WriteLineAsync($"Planned {recipe.Name} {recipe.Version}: {plan.Stages.Count} stages x {tasks} tasks in {work.Root}");
            await output.WriteLineAsync($"  {string.Join(" -> ", plan.Stages.Select(s => s.Tasks == 1 ? $"{s.Name} (1)" : s.Name))}");

            switch (executor)
            {
                case "slurm":
                    Directory.CreateDirectory(Path.Combine(work.Root, "logs", "slurm")); // Slurm does not create --output folders
                    var slurm = await WriteFilesAsync(Path.Combine(work.Root, "slurm"), SlurmScripts.Render(plan, work, options), ct);
                    await output.WriteLineAsync($"Slurm scripts in {slurm}; submit with: bash {Path.Combine(slurm, "submit.sh")}");
                    break;
                case "k8s":
                    var k8s = await WriteFilesAsync(Path.Combine(work.Root, "k8s"), KubernetesJobs.Render(plan, work, options), ct);
                    await output.WriteLineAsync($"Kubernetes Jobs in {k8s} (claim '{options.VolumeClaim}' mounted at {options.MountPath}); run with: bash {Path.Combine(k8s, "run.sh")}");
                    break;
                default:
                    await output.WriteLineAsync($"Run it with: {cli.ToShell(["run", "--work", work.Root, "--workers", parse.GetValue(workersOption).ToString(System.Globalization.CultureInfo.InvariantCulture)])}");
                    break;
            }
            await output.WriteLineAsync($"Follow it with: {cli.ToShell(["status", "--work", work.Root])}");
            return CorpusApp.Ok;
        });
        return command;
    }

    private static async Task<string> WriteFilesAsync(string folder, IReadOnlyList<(string Name, string Text)> files, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllTextAsync(path, text, ct);
            if (!OperatingSystem.IsWindows() && (name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".sbatch", StringComparison.Ordinal)))
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
        }
        return folder;
    }

    private static bool IsUnder(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>The deepest folder holding all of <paramref name="paths"/>.</summary>
    private static string CommonFolder(IReadOnlyList<string> paths)
    {
        var split = paths.Select(p => p.TrimEnd('/').Split('/')).ToList();
        var common = split[0].TakeWhile((part, i) => split.All(s => s.Length > i && s[i] == part)).ToArray();
        var joined = string.Join('/', common);
        return joined.Length == 0 ? "/" : joined;
    }
}
