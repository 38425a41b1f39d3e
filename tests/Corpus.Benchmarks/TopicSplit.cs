using Corpus.Annotation;
using Corpus.Annotation.Counts;
using Corpus.Annotation.Topics;
using Corpus.Benchmarks.Harness;
using Corpus.Core.Documents;

namespace Corpus.Benchmarks;

/// <summary>
/// Where a document's annotation CPU goes (<c>annotate … --profile topic-split</c>): the topic's parts (section and URL,
/// keyword priors, the regression, the whole score, the whole classification) and, for the documents where the
/// language detector asks Lingua and for the others apart, each stage alone against the Annotator and each pair of
/// stages against its two alone, so the Annotator's cost over its stages is seen per kind of document and per pair; and
/// language followed by a bare read of as many random rows of a table as large as the regression's, to tell its cache
/// misses from its arithmetic. Each figure is the lowest of three loops of about
/// <c>ROUND_SECONDS</c> of thread CPU (the least disturbed by the shared machine), in µs per document.
/// </summary>
public static class TopicSplit
{
    public static void Run(string name, List<Document> docs, Annotator annotator, double seconds)
    {
        var model = annotator.Topics.Model;
        var weights = new TopicWeights(model.Learned!);
        var spec = model.Learned!.Spec;
        var scores = new double[weights.Labels];
        var features = docs.Sum(d => (long)TopicWeights.Features(d.Title ?? "", Lead(d), spec).Count);
        var read = docs.Count(d => model.EvidenceChars(d.Text, d.Title) <= model.RegressionUpTo);
        Console.WriteLine($"{name}: {docs.Count} documents (mean {docs.Average(d => d.Text.Length):F0} chars), {read} read by the regression, {(double)features / docs.Count:F0} distinct features each");
        Print("  topic", docs, seconds,
        [
            ("classification", d => annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url)),
            ("section and URL", d => annotator.Topics.FromMetadata(d.Section, d.Url)),
            ("score", d => model.Score(d.Text, d.Title)),
            ("keyword priors", d => model.KeywordEvidence(d.Text, d.Title)),
            ("regression", d => weights.AddScores(d.Title ?? "", Lead(d), scores)),
        ]);
        var asked = new HashSet<Document>();
        foreach (var d in docs)
        {
            var before = annotator.Language.PieceCounts.Lingua;
            annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url);
            if (annotator.Language.PieceCounts.Lingua > before) asked.Add(d);
        }
        var counts = new CountsStage();
        foreach (var (subset, members) in new[] { ("documents where Lingua is asked", docs.Where(asked.Contains).ToList()), ("the others", docs.Where(d => !asked.Contains(d)).ToList()) })
        {
            if (members.Count == 0) continue;
            var figures = Print($"  {subset} ({members.Count})", members, seconds,
            [
                ("language", d => annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url)),
                ("topic", d => annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url)),
                ("counts", d => counts.Process(d)),
                ("Annotator", d => annotator.Annotate(d)),
                ("language then topic", d => { annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url); annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url); }),
                ("language then counts", d => { annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url); counts.Process(d); }),
                ("topic then counts", d => { annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url); counts.Process(d); }),
                ("sweep alone", d => Sweep(d)),
                ("language then sweep", d => { annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url); Sweep(d); }),
            ]);
            Console.WriteLine($"    language then a read of 1,600 random 16-byte rows of a 4 MB table (as the regression reads its table) over both alone: {figures[8] - figures[0] - figures[7]:F1} µs");
            // Each pair over its two stages alone: which neighbours slow each other down.
            Console.WriteLine($"    Annotator minus its stages: {figures[3] - figures[0] - figures[1] - figures[2]:F1} µs; pairs over their stages: "
                + $"language+topic {figures[4] - figures[0] - figures[1]:F1}, language+counts {figures[5] - figures[0] - figures[2]:F1}, topic+counts {figures[6] - figures[1] - figures[2]:F1} µs");
        }
    }

    private static readonly short[] Table = new short[1 << 21];
    private static long _swept;

    // What the regression's table reads do to the cache, without its hashing: 1,600 rows picked by a per-document seed.
    private static void Sweep(Document d)
    {
        var x = (uint)d.Text.Length * 2654435761u | 1;
        long sum = 0;
        for (var i = 0; i < 1600; i++)
        {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            sum += Table[(x & ((1 << 18) - 1)) * 8];
        }
        _swept += sum;
    }

    private static ReadOnlySpan<char> Lead(Document d) => d.Text.AsSpan(0, Math.Min(TopicModel.MaxChars, d.Text.Length));

    private static double[] Print(string heading, List<Document> docs, double seconds, (string Name, Action<Document> Work)[] parts)
    {
        var figures = new double[parts.Length];
        for (var round = 0; round < 3; round++)
            for (var p = 0; p < parts.Length; p++)
            {
                var start = RoundFigures.ThreadCpuSeconds();
                long n = 0;
                while (RoundFigures.ThreadCpuSeconds() - start < seconds)
                {
                    foreach (var d in docs) parts[p].Work(d);
                    n += docs.Count;
                }
                var us = (RoundFigures.ThreadCpuSeconds() - start) * 1e6 / n;
                if (round == 0 || us < figures[p]) figures[p] = us;
            }
        Console.WriteLine($"{heading}: " + string.Join(", ", parts.Select((p, i) => $"{p.Name} {figures[i]:F1}")) + " µs per document");
        return figures;
    }
}
