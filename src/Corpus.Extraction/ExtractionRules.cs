using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace Corpus.Extraction;

/// <summary>
/// The extractor's data, loaded once from <c>Data/extraction-table.tsv</c>: which elements are dropped or chrome,
/// which start a line, the class/id token weights, the tag scores and every threshold.
/// </summary>
public sealed class ExtractionRules
{
    // Frozen: every pass asks these about every element (is it a block, is it dropped) and reads thresholds per line.
    public FrozenSet<string> DroppedElements { get; }
    public FrozenSet<string> ChromeElements { get; }
    public FrozenSet<string> BlockElements { get; }
    public FrozenDictionary<string, double> TagScores { get; }
    /// <summary>Class/id token → weight: positive marks article text, negative marks chrome.</summary>
    public FrozenDictionary<string, double> TokenWeights { get; }
    public FrozenDictionary<string, double> Settings { get; }
    /// <summary>The focus these rules were made for; its rows in the table override <see cref="Settings"/>.</summary>
    public ExtractionFocus Focus { get; }

    private readonly Dictionary<string, List<(string Key, string Value)>> _rows;

    private ExtractionRules(Dictionary<string, List<(string Key, string Value)>> rows, ExtractionFocus focus = ExtractionFocus.Balanced)
    {
        _rows = rows;
        Focus = focus;
        IEnumerable<(string Key, string Value)> Rows(string kind) => rows.GetValueOrDefault(kind) ?? [];
        DroppedElements = Rows("drop").Select(r => r.Key).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        ChromeElements = Rows("chrome").Select(r => r.Key).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        BlockElements = Rows("block").Select(r => r.Key).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        TagScores = Rows("tag").ToFrozenDictionary(r => r.Key, r => Number(r.Value), StringComparer.OrdinalIgnoreCase);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in Rows("positive")) weights[key] = Number(value);
        foreach (var (key, value) in Rows("negative")) weights[key] = -Number(value);
        TokenWeights = weights.ToFrozenDictionary(StringComparer.Ordinal);
        var settings = Rows("setting").ToDictionary(r => r.Key, r => Number(r.Value), StringComparer.Ordinal);
        foreach (var kind in new[] { "precision", "recall" })
            foreach (var (key, _) in Rows(kind))
                if (!settings.ContainsKey(key)) throw new FormatException($"extraction-table.tsv: '{kind}' row moves '{key}', which is not a setting");
        if (focus != ExtractionFocus.Balanced)
            foreach (var (key, value) in Rows(focus == ExtractionFocus.Precision ? "precision" : "recall")) settings[key] = Number(value);
        Settings = settings.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The same table with the thresholds the focus moves (its <c>precision</c> or <c>recall</c> rows) moved.</summary>
    public ExtractionRules WithFocus(ExtractionFocus focus) => focus == Focus ? this : new ExtractionRules(_rows, focus);

    /// <summary>Reads a recipe's <c>extraction.focus</c>: precision, balanced or recall.</summary>
    public static ExtractionFocus ParseFocus(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "balanced" => ExtractionFocus.Balanced,
        "precision" => ExtractionFocus.Precision,
        "recall" => ExtractionFocus.Recall,
        _ => throw new FormatException($"extraction focus must be precision, balanced or recall, not '{value}'"),
    };

    /// <summary>A named threshold; a missing name is a bug in the table, not a default.</summary>
    public double Setting(string name) =>
        Settings.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"extraction-table.tsv has no setting '{name}'");

    public static ExtractionRules Default { get; } = Load();

    public static ExtractionRules Load()
    {
        using var reader = Corpus.Core.Data.EmbeddedTable.Open(Assembly.GetExecutingAssembly(), "Corpus.Extraction.Data.extraction-table.tsv");
        return Parse(reader);
    }

    public static ExtractionRules Parse(TextReader reader)
    {
        var known = new HashSet<string> { "drop", "chrome", "block", "tag", "positive", "negative", "setting", "precision", "recall" };
        var rows = new Dictionary<string, List<(string, string)>>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols.Length is < 2 or > 3 || !known.Contains(cols[0]) || cols[1].Length == 0)
                throw new FormatException($"extraction-table.tsv line {number}: expected 'kind<TAB>key[<TAB>value]' with a known kind, got '{line}'");
            var value = cols.Length == 3 ? cols[2] : "";
            if (cols[0] is "tag" or "positive" or "negative" or "setting" or "precision" or "recall" && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw new FormatException($"extraction-table.tsv line {number}: '{cols[0]}' needs a number, got '{value}'");
            if (!rows.TryGetValue(cols[0], out var list)) rows[cols[0]] = list = [];
            list.Add((cols[1].ToLowerInvariant(), value));
        }
        return new ExtractionRules(rows);
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>
/// What extraction favours where the signals are unsure (trafilatura's <c>favor_precision</c> / <c>favor_recall</c>):
/// the table's <c>precision</c> and <c>recall</c> rows say which thresholds move and where to.
/// </summary>
public enum ExtractionFocus
{
    Balanced,
    Precision,
    Recall,
}
