using System.Globalization;

namespace Corpus.Benchmarks.Harness;

/// <summary>Prints measurements side by side as a Markdown table, with ratios against the named baseline.</summary>
public static class Report
{
    public static void Print(string title, IReadOnlyList<Measurement> rows, string unit = "items")
    {
        Console.WriteLine($"## {title}");
        Console.WriteLine();
        Console.WriteLine($"| contender | throughput | allocated | peak working set | best run |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row.Row(unit));
        Console.WriteLine();
    }

    public static void Ratio(string label, Measurement numerator, Measurement denominator) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "- {0}: {1:0.00}x ({2} time / {3} time)",
            label, numerator.Seconds / denominator.Seconds, numerator.Name, denominator.Name));
}
