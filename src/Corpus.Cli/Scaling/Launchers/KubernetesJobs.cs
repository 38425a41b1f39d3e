using System.Text;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Scaling.Launchers;

/// <summary>
/// One Kubernetes <c>Job</c> per stage with <c>completionMode: Indexed</c> — pod k gets <c>JOB_COMPLETION_INDEX=k</c>,
/// which <c>corpus task</c> reads as its task number — and <c>run.sh</c>, which applies them in order and waits for
/// each to complete, stopping at the first that fails. Every pod mounts the shared claim at the path the plan was made with.
/// </summary>
public static class KubernetesJobs
{
    public static IReadOnlyList<(string Name, string Text)> Render(WorkPlan plan, WorkFolder work, LauncherOptions options)
    {
        var files = new List<(string, string)>();
        var run = new StringBuilder();
        run.Append("#!/bin/bash\n")
           .Append($"# Runs the {plan.Dataset} {plan.Version} build as {plan.Tasks} indexed pods per stage, one stage after another.\n")
           .Append("# Applying again after a failure (delete the failed Job first) reruns only the tasks without a done marker.\n")
           .Append("set -euo pipefail\ncd \"$(dirname \"$0\")\"\n")
           // kubectl wait takes one condition; a failed Job would keep it waiting, so poll for either.
           .Append("wait_job() {\n")
           .Append("  while true; do\n")
           .Append("    state=$(kubectl get job \"$1\" -o jsonpath='{.status.conditions[?(@.status==\"True\")].type}')\n")
           .Append("    case \"$state\" in\n")
           .Append("      *Complete*) return 0 ;;\n")
           .Append($"      *Failed*) echo \"job $1 failed; see: {options.Command.ToShell(["status", "--work", work.Root])}\" >&2; return 1 ;;\n")
           .Append("    esac\n")
           .Append("    sleep 10\n")
           .Append("  done\n")
           .Append("}\n");
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            var name = $"{i + 1:D2}-{stage.Name}.yaml";
            var job = JobName(plan, stage);
            files.Add((name, Manifest(plan, work, stage, job, options)));
            run.Append($"kubectl apply -f {name}\n")
               .Append($"wait_job {job}\n");
        }
        files.Add(("run.sh", run.ToString()));
        return files;
    }

    /// <summary>A DNS-1123 name: lower case, digits and '-', at most 63 characters.</summary>
    public static string JobName(WorkPlan plan, PlannedStage stage)
    {
        var raw = $"corpus-{plan.Dataset}-{plan.Version}-{stage.Name}".ToLowerInvariant();
        var name = new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (name.Contains("--", StringComparison.Ordinal)) name = name.Replace("--", "-", StringComparison.Ordinal);
        if (name.Length > 63) name = name[..63];
        return name.Trim('-');
    }

    private static string Manifest(WorkPlan plan, WorkFolder work, PlannedStage stage, string job, LauncherOptions options)
    {
        var command = options.Command.Words.Concat(TaskCommandLine.TaskArguments(stage, null, work));
        var s = new StringBuilder();
        s.Append("apiVersion: batch/v1\n")
         .Append("kind: Job\n")
         .Append("metadata:\n")
         .Append($"  name: {job}\n")
         .Append("  labels:\n")
         .Append("    app.kubernetes.io/name: corpus\n")
         .Append($"    corpus/stage: {Yaml(stage.Name)}\n")
         .Append("spec:\n")
         .Append("  completionMode: Indexed\n")
         .Append($"  completions: {stage.Tasks}\n")
         .Append($"  parallelism: {stage.Tasks}\n")
         .Append($"  backoffLimit: {stage.Tasks * 2}\n")
         .Append("  template:\n")
         .Append("    metadata:\n")
         .Append("      labels:\n")
         .Append("        app.kubernetes.io/name: corpus\n")
         .Append("    spec:\n")
         .Append("      restartPolicy: Never\n")
         .Append("      containers:\n")
         .Append("        - name: task\n")
         .Append($"          image: {Yaml(options.Image)}\n")
         .Append($"          command: [{string.Join(", ", command.Select(Yaml))}]\n")
         .Append("          resources:\n")
         .Append($"            requests: {{cpu: \"{options.Cpus}\", memory: {options.MemoryGb}Gi}}\n")
         .Append($"            limits: {{memory: {options.MemoryGb}Gi}}\n")
         .Append("          volumeMounts:\n")
         .Append("            - name: shared\n")
         .Append($"              mountPath: {Yaml(options.MountPath)}\n")
         .Append("      volumes:\n")
         .Append("        - name: shared\n")
         .Append("          persistentVolumeClaim:\n")
         .Append($"            claimName: {Yaml(options.VolumeClaim)}\n");
        return s.ToString();
    }

    /// <summary>A YAML scalar, double-quoted (JSON string rules are valid YAML).</summary>
    private static string Yaml(string value) => System.Text.Json.JsonSerializer.Serialize(value, Relaxed);

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
