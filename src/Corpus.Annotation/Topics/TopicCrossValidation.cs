using System.Globalization;
using System.Text.RegularExpressions;

namespace Corpus.Annotation.Topics;

/// <summary>One language's cross-validated topic accuracy: the trained model's and the keyword priors' alone.</summary>
public sealed record FoldAccuracy(string Language, int Documents, int Model, int Priors)
{
    public double ModelAccuracy => Documents == 0 ? 0 : (double)Model / Documents;
    public double PriorsAccuracy => Documents == 0 ? 0 : (double)Priors / Documents;
}

/// <summary>
/// K-fold cross-validation of <see cref="TopicTrainer"/>, grouped: documents sharing a group (the translations of one
/// sentence, which share the number in their id) always fall in the same fold, so no fold is scored on a sentence the
/// model learned in another language. Folds are trained in parallel; each is deterministic, so the table is too.
/// </summary>
public static partial class TopicCrossValidation
{
    /// <summary>The group of a document id: its trailing number (<c>sib-train-id-403</c> → <c>403</c>), else the id itself.</summary>
    public static string GroupOf(string id)
    {
        var m = TrailingNumber().Match(id);
        return m.Success ? m.Groups[1].Value : id;
    }

    /// <summary>The fold of a group: a hash of its name, so the split does not depend on the order of the input.</summary>
    public static int FoldOf(string group, int folds)
    {
        var h = 2166136261u;
        foreach (var c in group) h = (h ^ c) * 16777619u;
        return (int)(h % (uint)folds);
    }

    /// <summary>
    /// Trains on all folds but one and scores the one held out, for each fold; the accuracy per language (the
    /// documents' <see cref="LabelledText.Language"/>, <c>all</c> when unset), and over all documents last.
    /// </summary>
    public static IReadOnlyList<FoldAccuracy> Run(IReadOnlyList<LabelledText> examples, int folds, Func<IReadOnlyList<LabelledText>, TopicModel> train)
    {
        if (folds < 2) throw new Corpus.Core.CorpusUserException("--folds must be at least 2.");
        var fold = examples.Select(e => FoldOf(e.Group ?? e.Text, folds)).ToArray();
        var model = new bool[examples.Count];
        var priors = new bool[examples.Count];
        var baseline = new TopicClassifier(TopicModel.KeywordPriorsOnly, SectionDictionary.Default);
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = 2 }, f =>
        {
            var trained = new TopicClassifier(train(examples.Where((_, i) => fold[i] != f).ToList()), SectionDictionary.Default);
            for (var i = 0; i < examples.Count; i++)
            {
                if (fold[i] != f) continue;
                var e = examples[i];
                model[i] = trained.Classify(e.Text, e.Title, null, null)?.Topic.Id == e.Topic.Id;
                priors[i] = baseline.Classify(e.Text, e.Title, null, null)?.Topic.Id == e.Topic.Id;
            }
        });
        var rows = examples.Select((e, i) => (Language: e.Language ?? "all", i))
            .GroupBy(x => x.Language, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FoldAccuracy(g.Key, g.Count(), g.Count(x => model[x.i]), g.Count(x => priors[x.i]))).ToList();
        rows.Add(new FoldAccuracy("(all)", examples.Count, model.Count(m => m), priors.Count(p => p)));
        return rows;
    }

    /// <summary>The table <c>corpus topics train --folds</c> prints.</summary>
    public static string Format(IReadOnlyList<FoldAccuracy> rows, int folds)
    {
        var lines = new List<string> { $"{folds}-fold cross-validation, grouped by sentence: language, documents, model accuracy, keyword priors accuracy" };
        lines.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Language}\t{r.Documents}\t{r.ModelAccuracy:0.000}\t{r.PriorsAccuracy:0.000}")));
        var languages = rows.Where(r => r.Language != "(all)").ToList();
        if (languages.Count > 1)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"(mean of {languages.Count} languages)\t\t{languages.Average(r => r.ModelAccuracy):0.000}\t{languages.Average(r => r.PriorsAccuracy):0.000}"));
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"(\d+)$")]
    private static partial Regex TrailingNumber();
}
