using System.Globalization;
using System.Runtime.CompilerServices;
using Corpus.Dedup.Staging;

namespace Corpus.Dedup.Lines;

/// <summary>
/// Stage 2 (partition j of N): merges the line runs of its partition, counts the documents per (host, line) and
/// keeps the lines at or above the threshold. Also writes how many distinct lines are shared by how many documents,
/// the measurement the threshold is chosen from.
/// </summary>
public static class RepeatedLineStage
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(DedupOptions options, WorkLayout layout, int partition)
    {
        var histogram = new SortedDictionary<int, long>();
        var path = layout.RepeatedLines(partition);
        using (var writer = new RecordFile.Writer<LineRecord>(path))
        {
            LineRecord? group = null;
            var count = 0;
            void Close()
            {
                if (group is not { } g) return;
                histogram[count] = histogram.GetValueOrDefault(count) + 1;
                if (count >= options.RepeatedLineMinDocs) writer.Add(g with { Doc = count });
            }
            using var runs = new RunMerger<LineRecord, LineOrder>(WorkLayout.RunFiles(layout.LineRuns(partition)));
            while (runs.Next(out var r))
            {
                if (group is { } g && g.Host == r.Host && g.LineHigh == r.LineHigh && g.LineLow == r.LineLow) { count++; continue; }
                Close();
                group = r;
                count = 1;
            }
            Close();
        }
        File.WriteAllLines(layout.LineHistogram(partition),
            histogram.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}\t{kv.Value}")));
    }

    /// <summary>Distinct lines by the number of documents of their host that contain them, over all partitions.</summary>
    public static SortedDictionary<int, long> Histogram(WorkLayout layout, int partitions)
    {
        var total = new SortedDictionary<int, long>();
        for (var p = 0; p < partitions; p++)
        {
            var file = layout.LineHistogram(p);
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split('\t');
                var docs = int.Parse(parts[0], CultureInfo.InvariantCulture);
                total[docs] = total.GetValueOrDefault(docs) + long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }
        return total;
    }
}
