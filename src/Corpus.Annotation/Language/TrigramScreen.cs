using System.IO.Compression;
using System.Text.Json;

namespace Corpus.Annotation.Language;

/// <summary>
/// The cheap first pass of language detection: a naive Bayes over character trigrams that reads Lingua's own trigram
/// models (the files its package ships under <c>Lingua/LanguageModels</c>) into one table, so that each trigram of the
/// text costs one lookup for every language at once instead of one lookup per language. A trigram a language has never
/// seen costs it a floor (its rarest trigram's log-probability less one). On a paragraph, languages of different groups
/// end hundreds of nats apart; only when the two best groups are close does Lingua itself decide, among the few
/// languages this pass left (see <see cref="LanguageIdentifier"/>).
/// </summary>
public sealed class TrigramScreen
{
    private readonly Dictionary<ulong, int> _index;
    private readonly int[] _start;
    private readonly byte[] _language;
    private readonly float[] _gain;
    private readonly double[] _floor;

    private TrigramScreen(Lingua.Language[] languages, Dictionary<ulong, int> index, int[] start, byte[] language, float[] gain, double[] floor)
    {
        Languages = languages;
        _index = index;
        _start = start;
        _language = language;
        _gain = gain;
        _floor = floor;
    }

    /// <summary>The languages in table order (by ISO code).</summary>
    public IReadOnlyList<Lingua.Language> Languages { get; }

    private static readonly Lazy<TrigramScreen> All = new(() => Load(
        Enum.GetValues<Lingua.Language>().Where(l => l != Lingua.Language.Unknown).ToArray(),
        Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels")));

    /// <summary>Every language Lingua knows, read once per process.</summary>
    public static TrigramScreen Default => All.Value;

    public int IndexOf(Lingua.Language language)
    {
        for (var i = 0; i < Languages.Count; i++) if (Languages[i] == language) return i;
        return -1;
    }

    /// <summary>
    /// Adds the log-likelihood of each language for the trigrams of <paramref name="text"/> to <paramref name="scores"/>
    /// (one slot per <see cref="Languages"/> entry) and returns how many trigrams it read; <paramref name="known"/> is how
    /// many of them some language's table holds (Chinese, Japanese and Korean have no trigram model: Lingua tells them
    /// by their scripts); <paramref name="characters"/> counts letters and combining marks, since a script written with
    /// vowel signs (Devanagari) breaks its words into few letter trigrams. The text is read as Lingua reads it:
    /// lower-cased, punctuation and digits dropped, trigrams of letters only.
    /// </summary>
    public int Score(ReadOnlySpan<char> text, Span<double> scores, out int known, out int characters)
    {
        var trigrams = 0;
        known = 0;
        characters = 0;
        char a = '\0', b = '\0';
        var run = 0;
        foreach (var raw in text)
        {
            if (!char.IsLetter(raw))
            {
                if (!(char.IsPunctuation(raw) || char.IsDigit(raw))) run = 0;
                if (char.GetUnicodeCategory(raw) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
                    characters++;
                continue;
            }
            characters++;
            var c = char.ToLowerInvariant(raw);
            if (++run >= 3)
            {
                trigrams++;
                if (_index.TryGetValue(Key(a, b, c), out var k))
                {
                    known++;
                    for (var e = _start[k]; e < _start[k + 1]; e++) scores[_language[e]] += _gain[e];
                }
            }
            a = b;
            b = c;
        }
        if (trigrams > 0)
            for (var l = 0; l < _floor.Length; l++) scores[l] += trigrams * _floor[l];
        return trigrams;
    }

    private static ulong Key(char a, char b, char c) => a | (ulong)b << 16 | (ulong)c << 32;

    /// <summary>Reads each language's <c>trigrams.json.br</c> (Lingua's format: fractions mapping to space-separated n-grams).</summary>
    public static TrigramScreen Load(Lingua.Language[] languages, string directory)
    {
        if (!Directory.Exists(directory))
            throw new Corpus.Core.CorpusUserException($"Lingua's models are not in {directory}; the SearchPioneer.Lingua package copies them next to the program, so rebuild or republish it.");
        // A language without a trigram model (Chinese, Japanese, Korean) is left to Lingua, which tells it by its script.
        languages = languages.Where(l => File.Exists(Path.Combine(directory, Code(l), "trigrams.json.br")))
            .OrderBy(Code, StringComparer.Ordinal).ToArray();
        if (languages.Length > byte.MaxValue) throw new ArgumentException("At most 255 languages fit the table.");
        var entries = new List<(ulong Key, byte Language, float LogP)>(1 << 20);
        var floor = new double[languages.Length];
        for (var l = 0; l < languages.Length; l++)
        {
            var path = Path.Combine(directory, Code(languages[l]), "trigrams.json.br");
            var min = 0.0;
            foreach (var (trigram, logP) in Read(path))
            {
                if (trigram.Length != 3) continue;
                entries.Add((Key(trigram[0], trigram[1], trigram[2]), (byte)l, (float)logP));
                min = Math.Min(min, logP);
            }
            floor[l] = min - 1;
        }
        entries.Sort((x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : x.Language.CompareTo(y.Language));
        var index = new Dictionary<ulong, int>();
        var starts = new List<int>();
        var language = new byte[entries.Count];
        var gain = new float[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            if (i == 0 || entries[i].Key != entries[i - 1].Key)
            {
                index[entries[i].Key] = starts.Count;
                starts.Add(i);
            }
            language[i] = entries[i].Language;
            // Stored as the gain over the floor, so a text's score is (trigrams × floor) + the gains of the trigrams seen.
            gain[i] = (float)(entries[i].LogP - floor[entries[i].Language]);
        }
        starts.Add(entries.Count);
        index.TrimExcess();
        return new TrigramScreen(languages, index, starts.ToArray(), language, gain, floor);
    }

    private static IEnumerable<(string Ngram, double LogP)> Read(string path)
    {
        byte[] json;
        using (var file = File.OpenRead(path))
        using (var brotli = new BrotliStream(file, CompressionMode.Decompress))
        using (var memory = new MemoryStream())
        {
            brotli.CopyTo(memory);
            json = memory.ToArray();
        }
        var result = new List<(string, double)>();
        var reader = new Utf8JsonReader(json);
        var inNgrams = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            var name = reader.GetString()!;
            if (!inNgrams)
            {
                if (name == "ngrams") inNgrams = true;
                else reader.Read();
                continue;
            }
            var slash = name.IndexOf('/');
            var logP = Math.Log(double.Parse(name.AsSpan(0, slash), System.Globalization.CultureInfo.InvariantCulture))
                - Math.Log(double.Parse(name.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture));
            reader.Read();
            foreach (var ngram in reader.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)) result.Add((ngram, logP));
        }
        return result;
    }

    private static string Code(Lingua.Language language) => Lingua.LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();
}
