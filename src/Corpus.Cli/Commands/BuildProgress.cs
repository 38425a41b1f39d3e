using System.Diagnostics;
using System.Globalization;
using Corpus.Core.Tasks;

namespace Corpus.Cli.Commands;

/// <summary>
/// Live progress of an in-process build: the current step, units done and the rate. On a terminal one status line is
/// rewritten in place; otherwise (a log, a pipe) a plain line when a step starts and every <see cref="Every"/> after.
/// </summary>
public sealed class BuildProgress(TextWriter output, bool terminal) : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    // Stopped by disposing it, not by a cancelled token: a cancelled wait throws an exception whose stack trace is
    // rendered with file and line numbers, which loads the symbol reader and the PDBs at the end of every build.
    private readonly PeriodicTimer _timer = new(terminal ? TimeSpan.FromMilliseconds(500) : Every);
    private (PlannedStage Stage, TaskContext Context, Stopwatch Clock)? _current;
    private Task? _loop;

    public static bool IsTerminal(TextWriter output) => output == Console.Out && !Console.IsOutputRedirected;

    public void StepStarted(PlannedStage stage, TaskContext context)
    {
        lock (_gate)
        {
            Finish();
            _current = (stage, context, Stopwatch.StartNew());
            if (!terminal) output.WriteLine($"  {stage.Name} ...");
        }
        _loop ??= Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync())
            lock (_gate) Show();
    }

    private void Show()
    {
        if (_current is not { } c) return;
        var done = c.Context.Done;
        var seconds = c.Clock.Elapsed.TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture, $"  {c.Stage.Name}: {done:N0} done, {done / Math.Max(0.001, seconds):N0}/s, {seconds:0} s");
        if (terminal) output.Write($"\r{line,-72}");
        else output.WriteLine(line);
    }

    private void Finish()
    {
        if (_current is null || !terminal) return;
        output.Write($"\r{"",-72}\r");
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        if (_loop is not null) await _loop;
        lock (_gate) Finish();
    }
}
