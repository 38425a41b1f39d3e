using System.Text.Json.Nodes;
using Corpus.Annotation.Language;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

/// <summary>
/// The marker count skips words that no marker can match by their length and first letter; it must count exactly what
/// looking every word and every pair of words up would count.
/// </summary>
public sealed class SpellingMarkersTests
{
    [Fact]
    public void Counts_what_looking_up_every_word_and_pair_counts_on_dev_prose_and_tricky_text()
    {
        var markers = ReadMarkers();
        var texts = File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Annotation", "Data", "annotate-dev.jsonl"))
            .Select(l => (string)JsonNode.Parse(l)!["text"]!).ToList();
        texts.Add("Bahwa Tahun Lalu polisi KERANA rumah-sakit, tahun. lalu kepada  wartawan Kepada pemberita; datuk bandar bulan hadapan.");
        texts.Add("pekan pekan depan wali wali kota tahun tahun lepas antara lain yang " + new string('a', 45) + " lalu sehingga sahaja");
        var total = 0;
        foreach (var text in texts)
        {
            var expected = Reference(text, markers);
            var counted = SpellingMarkers.Count(text);
            Assert.Equal(expected.OrderBy(p => p.Key), counted.OrderBy(p => p.Key));
            total += expected.Values.Sum();
        }
        // The tricky lines alone hold these; the dev prose more.
        Assert.True(total > 30, $"{total} markers");
        Assert.Equal(3, SpellingMarkers.Count("Bahwa Tahun Lalu kepada  wartawan").GetValueOrDefault("id"));
        Assert.Equal(0, SpellingMarkers.Count("tahun.. lalu").GetValueOrDefault("id"));
    }

    private static Dictionary<string, string> ReadMarkers()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "src", "Corpus.Annotation", "Data", "language-markers.tsv")))
        {
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            var f = line.Split('\t');
            foreach (var word in f[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (!map.TryAdd(word, f[0]) && map[word] != f[0]) shared.Add(word);
        }
        foreach (var word in shared) map.Remove(word);
        return map;
    }

    // Every word (a run of letters) and every two words, lower-cased and looked up. As the counter has always read it, the
    // character right after a word ends the word and is not itself checked; any later character other than a space or a
    // hyphen breaks the pair ("tahun. lalu" counts, "tahun.. lalu" does not).
    private static Dictionary<string, int> Reference(string text, Dictionary<string, string> markers)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? previous = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                if (text[i] is not (' ' or '-')) previous = null;
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            var end = i;
            if (i < text.Length) i++;
            var word = text[start..end].ToLowerInvariant();
            if (word.Length > 40) { previous = null; continue; }
            if (markers.TryGetValue(word, out var language)) counts[language] = counts.GetValueOrDefault(language) + 1;
            if (previous is not null && markers.TryGetValue(previous + " " + word, out var pair)) counts[pair] = counts.GetValueOrDefault(pair) + 1;
            previous = word;
        }
        return counts;
    }
}
