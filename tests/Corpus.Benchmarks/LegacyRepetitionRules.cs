using Corpus.Cleaning.Quality;

namespace Corpus.Benchmarks;

/// <summary>
/// The Gopher repetition rules as they were first written (a string per word and per n-gram, <c>string.Split</c> per
/// segment), kept as the "before" of <see cref="GopherBenchmark"/>. Same names, thresholds and values as the stage.
/// </summary>
public static class LegacyRepetitionRules
{
    public static IReadOnlyList<IQualityRule> Create()
    {
        double N(string key) => QualityDefaults.Number("gopher_repetition." + key, null);
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

        public string? Check(TextView view)
        {
            if (view.Text.Length == 0) return null;
            var segments = paragraphs ? view.Text.Trim().Split("\n\n", StringSplitOptions.RemoveEmptyEntries) : view.Text.Split('\n');
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int dups = 0, dupChars = 0;
            foreach (var s in segments)
            {
                if (seen.Add(s)) continue;
                dups++;
                dupChars += s.Length;
            }
            var fraction = byCharacters ? (double)dupChars / view.Text.Length : RuleValue.Ratio(dups, segments.Length);
            return fraction > max ? RuleValue.Of(fraction) : null;
        }
    }

    private sealed class TopNgram(int n, double max) : IQualityRule
    {
        public string Name { get; } = $"gopher_rep.top_{n}gram_share";

        public string? Check(TextView view)
        {
            var words = view.Words;
            if (words.Count < n || view.Text.Length == 0) return null;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i + n <= words.Count; i++)
            {
                var gram = string.Join(' ', words.Skip(i).Take(n));
                counts[gram] = counts.GetValueOrDefault(gram) + 1;
            }
            var top = counts.Where(kv => kv.Value > 1).Select(kv => (long)kv.Key.Length * kv.Value).DefaultIfEmpty(0).Max();
            var share = (double)top / view.Text.Length;
            return share > max ? RuleValue.Of(share) : null;
        }
    }

    private sealed class DuplicateNgram(int n, double max) : IQualityRule
    {
        public string Name { get; } = $"gopher_rep.dup_{n}gram_share";

        public string? Check(TextView view)
        {
            var words = view.Words;
            if (words.Count < n || view.Text.Length == 0) return null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long repeated = 0;
            var i = 0;
            while (i + n <= words.Count)
            {
                var gram = string.Join(' ', words.Skip(i).Take(n));
                if (seen.Add(gram)) { i++; continue; }
                repeated += gram.Length;
                i += n;
            }
            var share = Math.Min(1.0, (double)repeated / view.Text.Length);
            return share > max ? RuleValue.Of(share) : null;
        }
    }
}
