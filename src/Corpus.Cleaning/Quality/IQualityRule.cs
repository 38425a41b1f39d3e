using System.Globalization;

namespace Corpus.Cleaning.Quality;

/// <summary>
/// One named check on a document. Returns null to keep it, or the value that tripped the rule ("2.1"), which goes
/// to the excluded set beside the rule's name (<c>gopher.mean_word_length=2.1</c>).
/// </summary>
public interface IQualityRule
{
    string Name { get; }
    string? Check(TextView view);
}

/// <summary>How rule values are written: invariant culture, at most three decimals.</summary>
public static class RuleValue
{
    public static string Of(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);
    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);
    public static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
