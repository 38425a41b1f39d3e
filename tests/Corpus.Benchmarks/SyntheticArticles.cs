using System.Text;
using Corpus.Core.Documents;

namespace Corpus.Benchmarks;

/// <summary>
/// Deterministic synthetic articles, about 3 KB of text each, for the write benchmark. Words are drawn from a fixed
/// vocabulary with a skewed (roughly Zipfian) distribution so the text compresses like prose, not like noise or zeros.
/// </summary>
public static class SyntheticArticles
{
    private static readonly string[] Syllables = ["ba", "ka", "pe", "ri", "ma", "tu", "sa", "la", "ngan", "kan", "di", "me", "ter", "se", "an", "ra", "nya", "ja", "wa", "pu", "ng", "in", "gu", "si", "ko", "de", "ha", "na", "ta", "lu"];
    private static readonly string[] Vocabulary = BuildVocabulary(4000);
    private static readonly string[] Languages = ["id", "id", "id", "en", "ms"];
    private static readonly string[] Sections = ["politik", "ekonomi", "olahraga", "teknologi", "dunia", "nasional"];
    private static readonly string[] Topics = ["medtop:11000000", "medtop:04000000", "medtop:15000000", "medtop:13000000", "medtop:16000000"];

    private static string[] BuildVocabulary(int n)
    {
        var random = new Random(7);
        return Enumerable.Range(0, n).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Syllables[random.Next(Syllables.Length)]))).ToArray();
    }

    /// <summary>Rows 0..n-1 in id order (ids are zero-padded counters, so generation order is id order).</summary>
    public static IEnumerable<Document> Generate(int n)
    {
        var random = new Random(42);
        var text = new StringBuilder(3500);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < n; i++)
        {
            text.Clear();
            while (text.Length < 3000)
            {
                var words = random.Next(12, 30);
                for (var w = 0; w < words; w++)
                {
                    // Squaring a uniform draw skews toward the start of the vocabulary: frequent words are frequent.
                    var u = random.NextDouble();
                    text.Append(Vocabulary[(int)(u * u * u * Vocabulary.Length)]).Append(w == words - 1 ? ".\n" : " ");
                }
            }
            var domain = $"news{i % 40}.example";
            var url = $"https://{domain}/{Sections[i % Sections.Length]}/{i}";
            yield return new Document
            {
                Id = i.ToString("x32"), Url = url, SourceUrl = url, Domain = domain, FetchedAt = start.AddSeconds(i),
                Title = $"Judul berita {i}", Text = text.ToString(), Author = i % 3 == 0 ? null : $"Penulis {i % 97}",
                Published = start.AddMinutes(-i), Section = Sections[i % Sections.Length], SiteName = $"Situs {i % 40}",
                Language = Languages[i % Languages.Length], LanguageScore = 0.5 + random.NextDouble() / 2, LanguageDeclared = "id",
                Topic = Topics[i % Topics.Length], TopicLabel = "label", TopicScore = random.NextDouble(), TopicSource = "text",
                WordCount = text.Length / 6, CharCount = text.Length, PromosRemoved = i % 4, DupClusterSize = 1,
            };
        }
    }
}
