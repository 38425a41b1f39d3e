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
