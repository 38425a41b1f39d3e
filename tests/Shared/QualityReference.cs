using Corpus.Cleaning.Quality;
using Corpus.Cleaning.Quality.C4;
using Corpus.Cleaning.Quality.Gopher;

namespace Corpus.Testing;

/// <summary>
/// The Gopher quality, C4 and FineWeb rules as first written: a string per word and per line (<see cref="TextView.Words"/>,
/// <see cref="TextView.Lines"/>), LINQ per character. The test suite holds the span-based rules to these values, and the
/// gopher benchmark runs them as its "before"; both compile this one file. Same names and values as the stages.
/// </summary>
internal static class QualityReference
{
    public sealed class WordCount(double min, double max) : IQualityRule
    {
        public string Name => "gopher.word_count";
        public string? Check(TextView view) => view.Words.Count < min || view.Words.Count > max ? RuleValue.Of(view.Words.Count) : null;
    }

    public sealed class MeanWordLength(double min, double max) : IQualityRule
    {
        public string Name => "gopher.mean_word_length";
        public string? Check(TextView view)
        {
            if (view.Words.Count == 0) return null;
            var mean = view.Words.Average(w => (double)new System.Globalization.StringInfo(w).LengthInTextElements);
            return mean < min || mean > max ? RuleValue.Of(mean) : null;
        }
    }

    public sealed class SymbolRatio(double max) : IQualityRule
    {
        public string Name => "gopher.symbol_word_ratio";
        public string? Check(TextView view)
        {
            if (view.Words.Count == 0) return null;
            var symbols = Count(view.Text, "#") + Count(view.Text, "...") + Count(view.Text, "…");
            var ratio = (double)symbols / view.Words.Count;
            return ratio > max ? RuleValue.Of(ratio) : null;
        }

        private static int Count(string text, string what)
        {
            var n = 0;
            for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
            return n;
        }
    }

    public sealed class BulletLines(double max) : IQualityRule
    {
        private static readonly string[] Bullets = ["•", "-", "‣", "●", "▪", "◦", "*", "–"];
        public string Name => "gopher.bullet_lines_ratio";
        public string? Check(TextView view)
        {
            if (view.Lines.Count == 0) return null;
            var ratio = RuleValue.Ratio(view.Lines.Count(l => Bullets.Any(b => l.TrimStart().StartsWith(b, StringComparison.Ordinal))), view.Lines.Count);
            return ratio > max ? RuleValue.Of(ratio) : null;
        }
    }

    public sealed class EllipsisLines(double max) : IQualityRule
    {
        public string Name => "gopher.ellipsis_lines_ratio";
        public string? Check(TextView view)
        {
            if (view.Lines.Count == 0) return null;
            var ratio = RuleValue.Ratio(view.Lines.Count(l => l.EndsWith("...", StringComparison.Ordinal) || l.EndsWith('…')), view.Lines.Count);
            return ratio > max ? RuleValue.Of(ratio) : null;
        }
    }

    public sealed class AlphaWords(double min) : IQualityRule
    {
        public string Name => "gopher.alpha_words_ratio";
        public string? Check(TextView view)
        {
            if (view.Words.Count == 0) return null;
            var ratio = RuleValue.Ratio(view.Words.Count(w => w.Any(char.IsLetter)), view.Words.Count);
            return ratio < min ? RuleValue.Of(ratio) : null;
        }
    }

    public sealed class StopWordCount(StopWords stopWords, double min) : IQualityRule
    {
        public string Name => "gopher.stop_words";
        public string? Check(TextView view)
        {
            if (view.Language is null || stopWords.For(view.Language) is not { } list) return null;
            var found = 0;
            foreach (var word in view.Words)
                if (list.Contains(word.ToLowerInvariant()) && ++found >= min) return null;
            return RuleValue.Of(found);
        }
    }

    public sealed class CurlyBracket : IQualityRule
    {
        public string Name => "c4.curly_bracket";
        public string? Check(TextView view)
        {
            var n = view.Text.Count(c => c is '{' or '}');
            return n > 0 ? RuleValue.Of(n) : null;
        }
    }

    public sealed class MinSentences(double min) : IQualityRule
    {
        public string Name => "c4.min_sentences";
        public string? Check(TextView view)
        {
            var n = Sentences(view.Text);
            return n < min ? RuleValue.Of(n) : null;
        }
    }

    public sealed class LinePunctuation(double min) : IQualityRule
    {
        public string Name => "fineweb.line_punct_ratio";
        public string? Check(TextView view)
        {
            if (view.Lines.Count == 0) return null;
            var ended = view.Lines.Count(l => l.Length > 0 && l[^1] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or '»' or '…' or '。' or '！' or '？' or '؟' or '।');
            var ratio = RuleValue.Ratio(ended, view.Lines.Count);
            return ratio <= min ? RuleValue.Of(ratio) : null;
        }
    }

    public sealed class ShortLines(double max, int shortLength) : IQualityRule
    {
        public string Name => "fineweb.short_line_ratio";
        public string? Check(TextView view)
        {
            if (view.Lines.Count == 0) return null;
            var ratio = RuleValue.Ratio(view.Lines.Count(l => l.Length <= shortLength), view.Lines.Count);
            return ratio >= max ? RuleValue.Of(ratio) : null;
        }
    }

    public sealed class DuplicateLineChars(double max) : IQualityRule
    {
        public string Name => "fineweb.char_dup_ratio";
        public string? Check(TextView view)
        {
            var total = view.Text.Length - view.Text.Count(c => c == '\n');
            if (total == 0) return null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ratio = (double)view.Lines.Where(l => !seen.Add(l)).Sum(l => l.Length) / total;
            return ratio >= max ? RuleValue.Of(ratio) : null;
        }
    }

    /// <summary>C4's line pass as first written: a lower-cased copy per line, a list of words per line.</summary>
    public sealed class C4Lines(C4LineOptions options)
    {
        public string Filter(string text)
        {
            var kept = text.Split('\n').Where(Keep).ToList();
            return kept.Count == text.Count(c => c == '\n') + 1 ? text : string.Join('\n', kept);
        }

        public bool Keep(string line)
        {
            var lower = line.ToLowerInvariant();
            if (options.DropJavascript && lower.Contains("javascript", StringComparison.Ordinal)) return false;
            if (options.DropPolicy && C4LineFilter.Phrases.Any(p => lower.Contains(p, StringComparison.Ordinal))) return false;
            if (WordSplitter.Split(line).Count < options.MinWordsPerLine) return false;
            if (options.TerminalPunctuation && !EndsWithTerminal(line)) return false;
            return true;
        }
    }

    private const string Terminals = ".!?。！？؟।";

    public static int Sentences(string text)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!Terminals.Contains(text[i])) continue;
            while (i + 1 < text.Length && (Terminals.Contains(text[i + 1]) || text[i + 1] is '"' or '\'' or '”' or '’' or ')' or '»')) i++;
            if (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || text[i] is '。' or '！' or '？') n++;
        }
        return n;
    }

    public static bool EndsWithTerminal(string line)
    {
        var t = line.TrimEnd().TrimEnd('"', '\'', '”', '’', ')', '»');
        return t.Length > 0 && Terminals.Contains(t[^1]);
    }
}
