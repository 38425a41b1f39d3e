using System.Text.Json.Nodes;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

/// <summary>Twelve labelled sentences over three topics (sport, politics, weather): the smallest file the trainer's byte-for-byte tests train on.</summary>
internal static class ThreeTopicTrainingFile
{
    public static async Task<string> WriteAsync(TempDir work)
    {
        var input = work.File("labelled.jsonl");
        await File.WriteAllLinesAsync(input, Enumerable.Range(0, 12).Select(i => new JsonObject
        {
            ["text"] = (i % 3) switch
            {
                0 => $"The striker scored goal number {i} in the league.",
                1 => $"Parliament passed budget bill number {i}.",
                _ => $"Heavy rain and wind on day {i} flooded the valley.",
            },
            ["topic"] = (i % 3) switch { 0 => "sport", 1 => "politics", _ => "weather" },
        }.ToJsonString()));
        return input;
    }
}
