using System.CommandLine;

namespace Corpus.Cli.Commands;

/// <summary><c>corpus eval ...</c>: every quality figure the project quotes has a command that reproduces it.</summary>
public static class EvalCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("eval", "Reproduce a quality figure on a labelled set.");
        // One line per evaluation; each lives in Commands/Eval/.
        command.Add(Eval.EvalExtractionCommand.Create(output));
        command.Add(Eval.EvalPromosCommand.Create(output));
        command.Add(Eval.EvalDedupCommand.Create(output));
        command.Add(Eval.EvalAnnotateCommand.Create(output));
        return command;
    }
}
