using System.Text.RegularExpressions;
using Corpus.Core.Tasks;
using Corpus.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Corpus.Tests.Scaling;

[Collection(ScaledBuildCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Scale)]
public sealed class LauncherTests(ScaledBuildFixture fixture)
{
    [Fact]
    public async Task The_Slurm_scripts_chain_job_arrays_and_build_the_release_when_run_as_Slurm_runs_them()
    {
        using var dir = new TempDir();
        var work = dir.File("work");
        var plan = await CliRunner.RunAsync("plan", fixture.Recipe, "--tasks", "2", "--work", work, "--out", dir.File("out"),
            "--executor", "slurm", "--sbatch-option=--partition=cpu");
        Assert.True(plan.ExitCode == 0, plan.Error);
        var slurm = Path.Combine(work, "slurm");
        var stages = new WorkFolder(work).LoadPlan().Stages;
        var scripts = stages.Select((s, i) => Path.Combine(slurm, $"{i + 1:D2}-{s.Name}.sbatch")).ToList();
        Assert.All(scripts, s => Assert.True(File.Exists(s), s));
        Assert.True(Directory.Exists(Path.Combine(work, "logs", "slurm")), "Slurm needs the --output folder to exist");

        var process = await File.ReadAllTextAsync(scripts[0]);
        Assert.Contains("#SBATCH --array=0-1\n", process);
        Assert.Contains("#SBATCH --partition=cpu\n", process);
        Assert.Matches(@"\nexec .* task process --tasks 2 --work \S+\n", process);
        var publish = await File.ReadAllTextAsync(scripts[^1]);
        Assert.DoesNotContain("--array", publish);
        Assert.Contains("task publish --task 0 --tasks 1 --work", publish);
        var submit = await File.ReadAllTextAsync(Path.Combine(slurm, "submit.sh"));
        Assert.Equal(stages.Count - 1, Regex.Matches(submit, "--dependency=afterok:").Count);
        foreach (var file in scripts.Append(Path.Combine(slurm, "submit.sh")))
            Assert.Equal(0, (await BashAsync(["-n", file], [])).Code);

        // What Slurm does: each array task runs the script with its SLURM_ARRAY_TASK_ID; #SBATCH lines are comments to bash.
        foreach (var (stage, script) in stages.Zip(scripts))
            for (var t = 0; t < stage.Tasks; t++)
            {
                Dictionary<string, string> env = stage.Tasks > 1
                    ? new() { ["SLURM_ARRAY_TASK_ID"] = $"{t}", ["SLURM_ARRAY_TASK_COUNT"] = $"{stage.Tasks}" }
                    : [];
                var (code, output) = await BashAsync([script], env);
                Assert.True(code == 0, $"{stage.Name} {t}: {output}");
            }
        ReleaseFiles.AssertIdentical(fixture.OneProcessRelease, Path.Combine(dir.File("out"), "1.0.0"));
    }

    [Fact]
    public async Task The_Kubernetes_jobs_are_indexed_and_run_corpus_task_for_their_stage()
    {
        using var dir = new TempDir();
        var work = dir.File("work");
        // Pods see only the shared volume: a recipe outside it is refused, one inside it is mounted at their common folder.
        var outside = await CliRunner.RunAsync("plan", RepoPaths.SampleRecipe, "--tasks", "4", "--work", work, "--executor", "k8s", "--mount", dir.Path);
        Assert.Equal(1, outside.ExitCode);
        Assert.Contains("is not under --mount", outside.Error);
        File.Copy(RepoPaths.SampleRecipe, dir.File("corpus.yaml"));
        var plan = await CliRunner.RunAsync("plan", dir.File("corpus.yaml"), "--tasks", "4", "--work", work, "--executor", "k8s",
            "--image", "registry.example.org/corpus:1.0", "--volume-claim", "nlp-shared");
        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Contains($"mounted at {dir.Path}", plan.Output);
        var stages = new WorkFolder(work).LoadPlan().Stages;
        var names = new HashSet<string>();
        for (var i = 0; i < stages.Count; i++)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(work, "k8s", $"{i + 1:D2}-{stages[i].Name}.yaml"))));
            var job = (YamlMappingNode)yaml.Documents.Single().RootNode;
            Assert.Equal("Job", Text(job, "kind"));
            var name = Text(job, "metadata", "name");
            Assert.Matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", name);
            Assert.True(names.Add(name), $"job name {name} repeats");
            Assert.Equal("Indexed", Text(job, "spec", "completionMode"));
            Assert.Equal($"{stages[i].Tasks}", Text(job, "spec", "completions"));
            Assert.Equal("Never", Text(job, "spec", "template", "spec", "restartPolicy"));
            var container = (YamlMappingNode)((YamlSequenceNode)Node(job, "spec", "template", "spec", "containers")).Children.Single();
            Assert.Equal("registry.example.org/corpus:1.0", Text(container, "image"));
            var command = ((YamlSequenceNode)Node(container, "command")).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
            // No --task: the pod's JOB_COMPLETION_INDEX is its task number.
            Assert.Equal(["task", stages[i].Name, "--tasks", $"{stages[i].Tasks}", "--work", work], command.Skip(command.IndexOf("task")));
            var mount = (YamlMappingNode)((YamlSequenceNode)Node(container, "volumeMounts")).Children.Single();
            Assert.Equal(dir.Path, Text(mount, "mountPath"));
            var volume = (YamlMappingNode)((YamlSequenceNode)Node(job, "spec", "template", "spec", "volumes")).Children.Single();
            Assert.Equal("nlp-shared", Text(volume, "persistentVolumeClaim", "claimName"));
        }
        var run = await File.ReadAllTextAsync(Path.Combine(work, "k8s", "run.sh"));
        Assert.Equal(stages.Count, Regex.Matches(run, @"\nwait_job corpus-").Count);
        Assert.Equal(stages.Count, Regex.Matches(run, @"\nkubectl apply -f \d\d-").Count);
        Assert.Equal(0, (await BashAsync(["-n", Path.Combine(work, "k8s", "run.sh")], [])).Code);

        // run.sh against a stand-in kubectl: every Job applied in order when each completes; a failed Job stops it.
        var bin = Directory.CreateDirectory(dir.File("bin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bin, "kubectl"), string.Join('\n',
            "#!/bin/bash",
            "echo \"$*\" >> \"$KUBECTL_LOG\"",
            "if [ \"$1\" = get ]; then",
            "  if [ \"$3\" = \"$FAIL_JOB\" ]; then echo Failed; else echo Complete; fi",
            "fi", ""));
        Assert.Equal(0, (await BashAsync(["-c", "chmod +x \"$0\"", Path.Combine(bin, "kubectl")], [])).Code);
        var path = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        var log = dir.File("kubectl.log");
        var ok = await BashAsync([Path.Combine(work, "k8s", "run.sh")], new() { ["PATH"] = path, ["KUBECTL_LOG"] = log, ["FAIL_JOB"] = "none" });
        Assert.True(ok.Code == 0, ok.Output);
        var applied = File.ReadAllLines(log).Where(l => l.StartsWith("apply", StringComparison.Ordinal)).ToList();
        Assert.Equal(stages.Select((s, i) => $"apply -f {i + 1:D2}-{s.Name}.yaml"), applied);

        File.Delete(log);
        var failing = await BashAsync([Path.Combine(work, "k8s", "run.sh")], new() { ["PATH"] = path, ["KUBECTL_LOG"] = log, ["FAIL_JOB"] = "corpus-sample-1-0-0-process" });
        Assert.NotEqual(0, failing.Code);
        Assert.Contains("job corpus-sample-1-0-0-process failed", failing.Output);
        Assert.Equal(4, File.ReadAllLines(log).Count(l => l.StartsWith("apply", StringComparison.Ordinal)));
    }

    private static YamlNode Node(YamlMappingNode map, params string[] path)
    {
        YamlNode node = map;
        foreach (var key in path) node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return node;
    }

    private static string Text(YamlMappingNode map, params string[] path) => ((YamlScalarNode)Node(map, path)).Value!;

    private static Task<(int Code, string Output)> BashAsync(IEnumerable<string> args, Dictionary<string, string> env) =>
        ChildProcess.RunAsync("bash", args, env);
}
