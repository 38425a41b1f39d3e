using System.Text.Json;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Reporting;

/// <summary>
/// The report's excluded and failed groups (counts and first examples), gathered from documents as a build streams
/// them in build order. Given to the report, it spares reading the excluded table's text column back: a column chunk
/// is read whole, so that read would hold a row group of set-aside texts at once.
/// </summary>
public sealed class SetAsideExamples
{
    /// <summary>Where a build keeps them in its work folder, for the report it renders again with timing.</summary>
    public const string FileName = "set-aside-examples.json";

    private readonly OutcomeGroups _exclusions = new();
    private readonly OutcomeGroups _failures = new();
    private (List<OutcomeGroup> Exclusions, List<OutcomeGroup> Failures)? _saved;

    internal List<OutcomeGroup> Exclusions => _saved?.Exclusions ?? _exclusions.ToList();
    internal List<OutcomeGroup> Failures => _saved?.Failures ?? _failures.ToList();

    /// <summary>Counts one document; only excluded and failed ones are kept as groups, as the excluded table holds them.</summary>
    public void Add(Document d)
    {
        var url = d.Url ?? "";
        switch (d.Disposition)
        {
            case Disposition.Excluded:
                _exclusions.Add(d.ExclusionRule ?? "?", () => new Example(url, ReleaseScan.Mask(d.ExclusionValue), ReleaseScan.Excerpt(d.Text)));
                break;
            case Disposition.Failed:
                // The excluded table stores no text for a failed document.
                _failures.Add(FailureReasons.Of(d.Error), () => new Example(url, ReleaseScan.Mask(d.Error), ReleaseScan.Excerpt(null)));
                break;
        }
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        Write(json, "exclusions", Exclusions);
        Write(json, "failures", Failures);
        json.WriteEndObject();
    }

    /// <summary>The examples a build saved, or null when the file is missing (the report then reads the shards).</summary>
    public static SetAsideExamples? Load(string path)
    {
        if (!File.Exists(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new SetAsideExamples { _saved = (Read(document.RootElement.GetProperty("exclusions")), Read(document.RootElement.GetProperty("failures"))) };
    }

    private static void Write(Utf8JsonWriter json, string name, List<OutcomeGroup> groups)
    {
        json.WriteStartArray(name);
        foreach (var group in groups)
        {
            json.WriteStartObject();
            json.WriteString("name", group.Name);
            json.WriteNumber("count", group.Count);
            json.WriteStartArray("examples");
            foreach (var example in group.Examples)
            {
                json.WriteStartObject();
                json.WriteString("url", example.Url);
                json.WriteString("value", example.Value);
                json.WriteString("excerpt", example.Excerpt);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static List<OutcomeGroup> Read(JsonElement groups) =>
        [.. groups.EnumerateArray().Select(g => new OutcomeGroup(g.GetProperty("name").GetString()!, g.GetProperty("count").GetInt64(),
            [.. g.GetProperty("examples").EnumerateArray().Select(e =>
                new Example(e.GetProperty("url").GetString()!, e.GetProperty("value").GetString(), e.GetProperty("excerpt").GetString()!))]))];
}
