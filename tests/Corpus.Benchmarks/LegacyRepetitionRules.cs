using Corpus.Cleaning.Quality;
using Corpus.Testing;

namespace Corpus.Benchmarks;

/// <summary>
/// The Gopher repetition rules as they were first written (a string per word and per n-gram, <c>string.Split</c> per
/// segment), kept as the "before" of <see cref="GopherBenchmark"/>. Same names, thresholds and values as the stage.
/// </summary>
public static class LegacyRepetitionRules
{
    public static IReadOnlyList<IQualityRule> Create()
    {
        // The defaults, by key name (the recipe's key table), as the stage reads them from its options record.
        double N(string key) => (double)Corpus.Core.Recipes.RecipeKeys.Find("quality.gopher_repetition." + key)!.Default!;
        List<IQualityRule> rules =
        [
            new Segments("gopher_rep.dup_paragraph_fraction", true, false, N("max_dup_paragraph_fraction")),
            new Segments("gopher_rep.dup_paragraph_char_fraction", true, true, N("max_dup_paragraph_char_fraction")),
            new Segments("gopher_rep.dup_line_fraction", false, false, N("max_dup_line_fraction")),
            new Segments("gopher_rep.dup_line_char_fraction", false, true, N("max_dup_line_char_fraction")),
        ];
        for (var n = 2; n <= 4; n++) rules.Add(new TopNgram(n, N($"max_top{n}gram_share")));
        for (var n = 5; n <= 10; n++) rules.Add(new DuplicateNgram(n, N($"max_dup{n}gram_share")));
        return rules;
    }

    private sealed class Segments(string name, bool paragraphs, bool byCharacters, double max) : IQualityRule
    {
        public string Name { get; } = name;

        public string? Check(TextView view) => Over(RepetitionReference.Segments(view.Text, paragraphs, byCharacters), max);
    }

    private sealed class TopNgram(int n, double max) : IQualityRule
    {
        public string Name { get; } = $"gopher_rep.top_{n}gram_share";

        public string? Check(TextView view) => Over(RepetitionReference.TopNgram(view.Text, view.Words, n), max);
    }

    private sealed class DuplicateNgram(int n, double max) : IQualityRule
    {
        public string Name { get; } = $"gopher_rep.dup_{n}gram_share";

        public string? Check(TextView view) => Over(RepetitionReference.DuplicateNgram(view.Text, view.Words, n), max);
    }

    private static string? Over(double? value, double max) => value > max ? RuleValue.Of(value.Value) : null;
}
