using System.CommandLine;
using Corpus.Cli.Commands;
using Corpus.Core;

namespace Corpus.Cli;

/// <summary>The command tree and the exit-code contract: 0 success, 1 a user error, 2 an internal error.</summary>
public static class CorpusApp
{
    public const int Ok = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Show stack traces and more detail.", Recursive = true };

    public static string ToolVersion =>
        typeof(CorpusApp).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    public static RootCommand CreateRoot(TextWriter output)
    {
        var root = new RootCommand("Corpus builds clean, versioned NLP training corpora from news websites.");
        root.Add(Verbose);
        // The pipeline and releases first, then one command per stage over JSON Lines, then evaluation.
        root.Add(BuildCommand.Create(output));
        root.Add(CrawlCommand.Create(output));
        root.Add(PlanCommand.Create(output));
        root.Add(RunCommand.Create(output));
        root.Add(TaskCommand.Create(output));
        root.Add(StatusCommand.Create(output));
        root.Add(ReleaseCommand.Create(output));
        root.Add(InspectCommand.Create(output));
        root.Add(VerifyCommand.Create(output));
        root.Add(DiffCommand.Create(output));
        root.Add(ReportCommand.Create(output));
        root.Add(ExtractCommand.Create(output));
        root.Add(FilterCommand.Create(output));
        root.Add(DedupCommand.Create(output));
        root.Add(AnnotateCommand.Create(output));
        root.Add(TopicsCommand.Create(output));
        root.Add(LangidCommand.Create(output));
        root.Add(EvalCommand.Create(output));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = CreateRoot(output);
        var parse = root.Parse(args);
        var verbose = parse.GetValue(Verbose);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CorpusUserException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            if (verbose) await error.WriteLineAsync(e.ToString());
            return UserError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled.");
            return UserError;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"internal error: {e.Message} (this is a bug in Corpus; rerun with --verbose and report it)");
            if (verbose) await error.WriteLineAsync(e.ToString());
            return InternalError;
        }
    }
}
