using System.Diagnostics;

namespace Corpus.Extraction.Content;

/// <summary>Raised when one page takes longer than its time budget; the page fails with this reason, the run goes on.</summary>
public sealed class ExtractionBudgetExceededException(TimeSpan budget)
    : Exception($"extraction took longer than its budget of {budget.TotalSeconds:0.#} s");

/// <summary>A per-document time budget that long loops check cooperatively, so a hostile page cannot hang a build.</summary>
public sealed class Deadline(TimeSpan budget)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _calls;

    public TimeSpan Budget => budget;
    /// <summary>Time left, never negative; "infinite" for <see cref="None"/>.</summary>
    public TimeSpan Remaining => budget == TimeSpan.MaxValue ? Timeout.InfiniteTimeSpan
        : budget - _clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
    public static Deadline None => new(TimeSpan.MaxValue);

    /// <summary>Cheap enough for inner loops: reads the clock once every 1024 calls.</summary>
    public void Check()
    {
        if ((++_calls & 1023) == 0) CheckNow();
    }

    public void CheckNow()
    {
        if (budget != TimeSpan.MaxValue && _clock.Elapsed > budget) throw new ExtractionBudgetExceededException(budget);
    }
}
