using System.Globalization;
using System.Text;

namespace Corpus.Annotation.Topics;

/// <summary>
/// Section names, URL path segments and sub-domains mapped to topics (<c>Data/topic-sections.tsv</c>), in many
/// languages and scripts: <c>olahraga</c>, <c>deportes</c>, <c>спорт</c>, <c>体育</c> → sport. Keys are compared
/// lower-case with everything but letters, digits and marks removed, and accents dropped from Latin, Greek and
/// Cyrillic letters, so "Sains &amp; Teknologi", <c>/sains-teknologi/</c> and <c>sainsteknologi.</c> agree, and so do
/// "Économie" and <c>/economie/</c>.
/// </summary>
public sealed class SectionDictionary
{
    private const string File = "topic-sections.tsv";
    private const int MaxKey = 128;
    // Below this code point a combining mark is an accent on a Latin, Greek or Cyrillic letter, which URL slugs drop;
    // above it marks are part of the letter (Devanagari vowel signs, kana voicing) and are kept.
    private const char LastAccentedScript = '\u052F';
    private readonly Dictionary<string, IptcTopic> _map;

    private SectionDictionary(Dictionary<string, IptcTopic> map) => _map = map;

    public static SectionDictionary Default { get; } = Load();

    public int Count => _map.Count;

    public IptcTopic? Lookup(string? name) => name is null ? null : _map.GetValueOrDefault(Normalize(name));

    public static string Normalize(string name)
    {
        if (name.Length > 4 * MaxKey) name = name[..(4 * MaxKey)];
        if (!Ascii.IsValid(name)) name = name.Normalize(NormalizationForm.FormD);
        Span<char> buffer = stackalloc char[MaxKey];
        var n = 0;
        var baseChar = '\0';
        foreach (var c in name)
        {
            if (n == buffer.Length) break;
            if (char.IsLetterOrDigit(c))
            {
                baseChar = c;
                buffer[n++] = Fold(char.ToLowerInvariant(c));
            }
            else if (IsMark(c) && baseChar > LastAccentedScript) buffer[n++] = c;
        }
        return new string(buffer[..n]);
    }

    // Latin letters with a stroke or without a dot do not decompose, but slugs write them plain: đời sống is
    // /doi-song/, sağlık is /saglik/, łódź is /lodz/.
    private static char Fold(char c) => c switch
    {
        'đ' => 'd',
        'ł' => 'l',
        'ø' => 'o',
        'ı' => 'i',
        'ħ' => 'h',
        _ => c,
    };

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static SectionDictionary Load()
    {
        var map = new Dictionary<string, IptcTopic>(StringComparer.Ordinal);
        foreach (var (line, raw) in AnnotationData.ReadTsv(File))
        {
            var f = AnnotationData.Need(File, line, raw, 2);
            var topic = IptcTopics.Find(f[0]) ?? throw new InvalidDataException($"{File} line {line}: unknown topic '{f[0]}'.");
            foreach (var name in f[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var key = Normalize(name);
                // A key of digits alone would match the dates and ids of URL paths.
                if (!key.Any(char.IsLetter)) throw new InvalidDataException($"{File} line {line}: '{name}' has no letter.");
                if (!map.TryAdd(key, topic) && map[key] != topic)
                    throw new InvalidDataException($"{File} line {line}: '{name}' is already mapped to {map[key].Key}.");
            }
        }
        return new SectionDictionary(map);
    }
}
