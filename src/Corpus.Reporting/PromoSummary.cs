using System.Text.Json;
using System.Text.Json.Serialization;
using Corpus.Core.Documents;

namespace Corpus.Reporting;

/// <summary>
/// <c>promos.json</c> of a release: promos removed from the kept documents, by rule and language, with the first
/// <see cref="ReportLayout.ExamplesPerGroup"/> per rule in build order (by document id), each between its neighbours
/// (personal data masked). Collected while the write step streams the documents in build order, so one process and N
/// tasks give the same bytes.
/// </summary>
public sealed record PromoSummary(long PromosRemoved, long Recorded, IReadOnlyList<PromoRule> Rules)
{
    public const string FileName = "promos.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = PromoSummaryJson.Default, // generated at compile time: no reflection in a short process
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>The release's <c>promos.json</c>; null for a release written without one.</summary>
    public static PromoSummary? Read(string releaseDir)
    {
        var path = Path.Combine(releaseDir, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<PromoSummary>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.")
            : null;
    }

    /// <summary>Counts and examples over documents handed in build order; only kept documents count.</summary>
    public sealed class Tally
    {
        private readonly SortedDictionary<string, (SortedDictionary<string, long> Languages, List<PromoExample> Examples)> _rules = new(StringComparer.Ordinal);
        private long _removed, _recorded;

        public void Add(Document d)
        {
            if (!d.IsKept) return;
            _removed += d.PromosRemoved;
            if (d.PromoRemovals is not { } promos) return;
            var language = d.Language ?? "und";
            foreach (var p in promos)
            {
                _recorded++;
                if (!_rules.TryGetValue(p.Rule, out var rule)) _rules[p.Rule] = rule = (new(StringComparer.Ordinal), []);
                rule.Languages[language] = rule.Languages.GetValueOrDefault(language) + 1;
                if (rule.Examples.Count < ReportLayout.ExamplesPerGroup)
                    rule.Examples.Add(new PromoExample(d.Url ?? "", language, ReleaseScan.Mask(p.Before), ReleaseScan.Mask(p.Text)!, ReleaseScan.Mask(p.After)));
            }
        }

        public PromoSummary ToSummary() => new(_removed, _recorded, _rules
            .Select(r => new PromoRule(r.Key, r.Value.Languages.Values.Sum(), r.Value.Languages, r.Value.Examples))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList());
    }
}

/// <summary>One promo rule: how many promos it removed from kept documents, by language, and its first examples.</summary>
public sealed record PromoRule(string Rule, long Count, IReadOnlyDictionary<string, long> Languages, IReadOnlyList<PromoExample> Examples);

/// <summary>A removed promo paragraph with the paragraphs before and after it (null at an edge or when not known).</summary>
public sealed record PromoExample(string Url, string Language, string? Before, string Text, string? After);

/// <summary><c>promos.json</c>'s serialiser, generated at compile time (README, Start-up).</summary>
[JsonSerializable(typeof(PromoSummary))]
internal sealed partial class PromoSummaryJson : JsonSerializerContext;
