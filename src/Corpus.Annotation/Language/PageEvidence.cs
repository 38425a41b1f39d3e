namespace Corpus.Annotation.Language;

/// <summary>
/// What a page says about its own language besides its text: the declared language (<c>html lang</c>, <c>og:locale</c>)
/// and the country of its host's domain (<c>Data/country-domains.tsv</c>: <c>.id</c> → Indonesian, <c>.my</c> → Malay),
/// plus the groups of languages a detector confuses (<c>Data/confusable-languages.tsv</c>: Indonesian and Malay).
/// </summary>
public static class PageEvidence
{
    private static readonly Dictionary<string, string> CountryLanguage = LoadCountries();
    private static readonly Dictionary<string, int> Group = LoadGroups();

    /// <summary>The language the host's country-code domain suggests, if any (<c>detik.com</c> says nothing).</summary>
    public static string? FromDomain(string? urlOrHost)
    {
        if (string.IsNullOrWhiteSpace(urlOrHost)) return null;
        var host = Uri.TryCreate(urlOrHost, UriKind.Absolute, out var uri) ? uri.Host : urlOrHost;
        var dot = host.LastIndexOf('.');
        return dot < 0 ? null : CountryLanguage.GetValueOrDefault(host[(dot + 1)..].ToLowerInvariant());
    }

    /// <summary>True when both languages sit in one confusable group (or are the same language).</summary>
    public static bool Confusable(string a, string b) =>
        a == b || (Group.TryGetValue(a, out var ga) && Group.TryGetValue(b, out var gb) && ga == gb);

    /// <summary>The confusable group of a language (a number shared by its group), or -1 when it has no partner.</summary>
    public static int GroupOf(string code) => Group.TryGetValue(code, out var g) ? g : -1;

    private static Dictionary<string, string> LoadCountries()
    {
        const string file = "country-domains.tsv";
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, raw) in AnnotationData.ReadTsv(file))
        {
            var f = AnnotationData.Need(file, line, raw, 2);
            map[f[0].TrimStart('.')] = f[1];
        }
        return map;
    }

    private static Dictionary<string, int> LoadGroups()
    {
        const string file = "confusable-languages.tsv";
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var group = 0;
        foreach (var (_, raw) in AnnotationData.ReadTsv(file))
        {
            foreach (var code in raw[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) map[code] = group;
            group++;
        }
        // The detector keeps one bit per group when it looks for a pair of one group among its candidates.
        if (group > 64) throw new InvalidDataException($"{file} lists {group} groups; at most 64 are supported.");
        return map;
    }
}
