namespace Corpus.Extraction.Content;

/// <summary>Raised when one page needs more work than its budget; the page fails with this reason, the run goes on.</summary>
public sealed class ExtractionBudgetExceededException(string message) : Exception(message);

/// <summary>
/// A per-page budget of work counted in units (a tag the parser will read, an element a pass visits), so a hostile
/// page cannot hang a build and the same page succeeds or fails the same way on any machine, however loaded: the
/// budget is a count, never a clock. It grows with the page's size, so it catches runaway work, not honest size.
/// </summary>
public sealed class WorkBudget(long units)
{
    private long _spent;

    public long Units => units;
    public long Spent => _spent;
    public static WorkBudget None => new(long.MaxValue);

    /// <summary>The budget the table gives a page of <paramref name="bytes"/> bytes: <c>work_budget_base</c> + <c>work_budget_per_kb</c> per KB.</summary>
    public static WorkBudget For(ExtractionRules rules, long bytes) =>
        new((long)(rules.Setting("work_budget_base") + rules.Setting("work_budget_per_kb") * (bytes / 1000.0)));

    /// <summary>Spends one unit (an element visited); cheap enough for inner loops.</summary>
    public void Check()
    {
        if (++_spent > units) throw Exceeded("its passes visited more elements than");
    }

    /// <summary>Spends <paramref name="cost"/> units at once (the parse of a page's tags), before the work is done.</summary>
    public void Spend(long cost, string what)
    {
        _spent += cost;
        if (_spent > units) throw Exceeded(what);
    }

    private ExtractionBudgetExceededException Exceeded(string what) =>
        new($"{what} its work budget of {units} units allows");
}
