using Corpus.Core.Tasks;

namespace Corpus.Cli.Scaling;

/// <summary>
/// How to start this same Corpus as another process: the <c>corpus</c> executable itself, or <c>dotnet corpus.dll</c>
/// when running under the <c>dotnet</c> host (<c>dotnet run</c>, tests).
/// </summary>
public sealed record TaskCommandLine(string FileName, IReadOnlyList<string> Prefix)
{
    public static TaskCommandLine Current()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "corpus") return new(process, []);
        var dll = Path.Combine(AppContext.BaseDirectory, "corpus.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h
            : process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
            : "dotnet";
        return new(host, [dll]);
    }

    /// <summary>Parses a command given as text (<c>--command "corpus"</c>, <c>--command "dotnet /opt/corpus/corpus.dll"</c>).</summary>
    public static TaskCommandLine Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new Corpus.Core.CorpusUserException("--command is empty.");
        return new(parts[0], parts[1..]);
    }

    public IEnumerable<string> Words => [FileName, .. Prefix];

    /// <summary>The command as one shell word list, each word quoted when it needs it.</summary>
    public string ToShell(IEnumerable<string> arguments) => string.Join(' ', Words.Concat(arguments).Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@%+$".Contains(c)) ? word : $"'{word.Replace("'", "'\\''")}'";

    /// <summary>The arguments of <c>corpus task</c> for one task: what the local executor, the sbatch scripts and the Jobs all run. Without <paramref name="task"/>, the scheduler's variable gives it.</summary>
    public static IEnumerable<string> TaskArguments(PlannedStage stage, int? task, WorkFolder work)
    {
        yield return "task";
        yield return stage.Name;
        if (task is { } t)
        {
            yield return "--task";
            yield return t.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        yield return "--tasks";
        yield return stage.Tasks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--work";
        yield return work.Root;
    }
}
