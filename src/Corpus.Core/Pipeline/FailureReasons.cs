using System.Text.RegularExpressions;
using Corpus.Core.Documents;

namespace Corpus.Core.Pipeline;

/// <summary>
/// Groups failed documents by a short reason for the build summary: <c>http 404</c>, <c>timeout</c>,
/// <c>extract</c> … (the document's own error keeps the details: URL, message).
/// </summary>
public static partial class FailureReasons
{
    public static string Of(string? error)
    {
        if (string.IsNullOrWhiteSpace(error)) return "unknown";
        var http = HttpStatus().Match(error);
        if (http.Success) return $"http {http.Groups[1].Value}";
        var head = error.Split([':', '(', ' '], 2)[0].Trim();
        if (head.Length == 0) head = error.Trim();
        return head.Length <= 40 ? head.ToLowerInvariant() : head[..40].ToLowerInvariant();
    }

    public static SortedDictionary<string, int> Tally(IEnumerable<Document> failed)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in failed)
        {
            var reason = Of(d.Error);
            result[reason] = result.GetValueOrDefault(reason) + 1;
        }
        return result;
    }

    [GeneratedRegex(@"^HTTP (\d{3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex HttpStatus();
}
