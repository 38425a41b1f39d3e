namespace Corpus.Annotation.Topics;

/// <summary>
/// Section names, URL path segments and sub-domains mapped to topics (<c>Data/topic-sections.tsv</c>), in many
/// languages: <c>olahraga</c>, <c>bola</c>, <c>sukan</c>, <c>sport</c> → sport. Keys are compared lower-case with
/// spaces, hyphens and underscores removed, so "Sains &amp; Teknologi", <c>/sains-teknologi/</c> and <c>sainsteknologi.</c> agree.
/// </summary>
public sealed class SectionDictionary
{
    private const string File = "topic-sections.tsv";
    private readonly Dictionary<string, IptcTopic> _map;

    private SectionDictionary(Dictionary<string, IptcTopic> map) => _map = map;

    public static SectionDictionary Default { get; } = Load();

    public int Count => _map.Count;

    public IptcTopic? Lookup(string? name) => name is null ? null : _map.GetValueOrDefault(Normalize(name));

    public static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 128)];
        var n = 0;
        foreach (var c in name)
        {
            if (n == buffer.Length) break;
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }

    private static SectionDictionary Load()
    {
        var map = new Dictionary<string, IptcTopic>(StringComparer.Ordinal);
        foreach (var (line, raw) in AnnotationData.ReadTsv(File))
        {
            var f = AnnotationData.Need(File, line, raw, 2);
            var topic = IptcTopics.Find(f[0]) ?? throw new InvalidDataException($"{File} line {line}: unknown topic '{f[0]}'.");
            foreach (var name in f[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (!map.TryAdd(Normalize(name), topic) && map[Normalize(name)] != topic)
                    throw new InvalidDataException($"{File} line {line}: '{name}' is already mapped to {map[Normalize(name)].Key}.");
        }
        return new SectionDictionary(map);
    }
}
