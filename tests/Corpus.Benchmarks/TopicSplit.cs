using System.Diagnostics;
using Corpus.Annotation;
using Corpus.Annotation.Features;
using Corpus.Annotation.Topics;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;

namespace Corpus.Benchmarks;

public static class TopicSplit
{
    public static void Run(string name, List<Document> docs, Annotator annotator, double seconds)
    {
        var model = annotator.Topics.Model;
        var weights = new TopicWeights(model.Learned!);
        var spec = model.Learned!.Spec;
        var parts = new (string, Action<Document>)[]
        {
            ("classify (whole topic)", d => annotator.Topics.Classify(d.Text, d.Title, d.Section, d.Url)),
            ("FromMetadata", d => annotator.Topics.FromMetadata(d.Section, d.Url)),
            ("Score", d => model.Score(d.Text, d.Title)),
            ("KeywordEvidence", d => model.KeywordEvidence(d.Text, d.Title)),
            ("regression AddScores", d => { var s = new double[8]; weights.AddScores(d.Title ?? "", d.Text.AsSpan(0, Math.Min(600, d.Text.Length)), s); }),
            ("language", d => annotator.Language.Identify(d.Text, d.LanguageDeclared, d.Url)),
            ("annotator", d => annotator.Annotate(d)),
        };
        long feats = 0; foreach (var d in docs) feats += TopicWeights.Features(d.Title ?? "", d.Text.AsSpan(0, Math.Min(600, d.Text.Length)), spec).Count;
        var reg = docs.Count(d => model.EvidenceChars(d.Text, d.Title) <= model.RegressionUpTo);
        Console.WriteLine($"{name}: {docs.Count} docs, {reg} with regression, {feats / (double)docs.Count:F0} distinct features/doc, mean {docs.Average(d => d.Text.Length):F0} chars");
        // Where language's time goes by document: the costliest documents' share of the total.
        var each = new double[docs.Count];
        for (var round = 0; round < 5; round++)
            for (var k = 0; k < docs.Count; k++)
            {
                var before = annotator.Language.PieceCounts.Lingua;
                var t = Harness.RoundFigures.ThreadCpuSeconds();
                annotator.Language.Identify(docs[k].Text, docs[k].LanguageDeclared, docs[k].Url);
                var us = (Harness.RoundFigures.ThreadCpuSeconds() - t) * 1e6;
                if (round == 0 || us < each[k]) each[k] = us;
                if (round == 4 && annotator.Language.PieceCounts.Lingua > before) Console.WriteLine($"  Lingua asked on doc {k}: {each[k]:F0} µs");
            }
        var sorted = each.OrderDescending().ToArray();
        Console.WriteLine($"  language per doc (min of 5): total {each.Sum() / docs.Count:F1} µs/doc; top 5% of docs {sorted.Take(docs.Count / 20).Sum() / each.Sum():P0} of it; median {sorted[docs.Count / 2]:F1} µs");
        for (var round = 0; round < 3; round++)
            foreach (var (label, work) in parts)
            {
                foreach (var d in docs) work(d);
                var t0 = Harness.RoundFigures.ThreadCpuSeconds();
                long n = 0;
                while (Harness.RoundFigures.ThreadCpuSeconds() - t0 < seconds) { foreach (var d in docs) work(d); n += docs.Count; }
                var us = (Harness.RoundFigures.ThreadCpuSeconds() - t0) * 1e6 / n;
                if (round == 2) Console.WriteLine($"  {label}: {us:F1} µs/doc");
            }
    }
}
