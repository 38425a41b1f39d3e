using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Corpus.Core.Jsonl;
using Corpus.Dedup.Text;

namespace Corpus.Tests.Dedup.EvalSet;

/// <summary>
/// Makes the near-duplicate evaluation set: base documents (the sample site's article bodies and the texts in
/// <c>extra-bases.txt</c>), and for each base a family of edited copies — exact, new headline and footer, word
/// substitutions at several rates, a dropped sentence, added sentences, half the paragraphs — with the exact word
/// 5-gram Jaccard of every pair. Deterministic: a fixed seed per base, so the committed files can be regenerated.
/// </summary>
public static class NearDupSetGenerator
{
    public const int ShingleWords = 5;
    public const string DocumentsFile = "near-dup-set.jsonl";
    public const string PairsFile = "near-dup-pairs.tsv";

    private const string BodySelector =
        "[itemprop=articleBody] p, article.read__content p, div.article-content p, div.entry-content p, article.story-body p, div.isi-berita p";

    // The sample's own copies would be extra bases that are already duplicates; the generator makes its own.
    private static readonly string[] SkipPaths = ["harga-beras-di-pasar-induk-mulai-turun", "revisi-uu-desa-disahkan-kepala-desa-sambut-gembira", "/video/"];

    public sealed record Doc(string Id, string Base, string Edit, string Text);

    public static IReadOnlyList<Doc> Generate(string sampleSite, string extraBases)
    {
        var bases = SampleBodies(sampleSite).Concat(ExtraBases(extraBases)).ToList();
        var vocabulary = bases.SelectMany(b => b.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.All(char.IsLetter)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var docs = new List<Doc>();
        for (var b = 0; b < bases.Count; b++)
        {
            var (name, text) = bases[b];
            var random = new Random(1000 + b);
            var other = bases[(b + 1) % bases.Count].Text;
            docs.Add(new Doc(name, name, "base", text));
            void Add(string edit, string t) => docs.Add(new Doc($"{name}~{edit}", name, edit, t));
            Add("exact", text);
            Add("headline-footer", $"{Headline(random, vocabulary)}\n{text}\nArtikel ini pertama kali terbit di {Headline(random, vocabulary)}.");
            Add("sub-2pct", Substitute(text, 0.02, random, vocabulary));
            Add("sub-5pct", Substitute(text, 0.05, random, vocabulary));
            Add("sub-10pct", Substitute(text, 0.10, random, vocabulary));
            Add("sub-25pct", Substitute(text, 0.25, random, vocabulary));
            Add("drop-sentence", DropSentence(text, random));
            Add("add-sentences", AddSentences(text, other, random));
            Add("half-paragraphs", string.Join('\n', text.Split('\n').Where((_, i) => i % 2 == 0)));
            Add("mixed", $"{Headline(random, vocabulary)}\n{Substitute(DropSentence(text, random), 0.01, random, vocabulary)}");
        }
        return docs;
    }

    /// <summary>Word shingles exactly as dedup sees words: runs of folded letters and digits.</summary>
    public static HashSet<string> Shingles(string text)
    {
        var words = TextFolding.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (words.Length == 0) return set;
        if (words.Length < ShingleWords) { set.Add(string.Join(' ', words)); return set; }
        for (var i = 0; i + ShingleWords <= words.Length; i++) set.Add(string.Join(' ', words, i, ShingleWords));
        return set;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = small.Count(large.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>Writes the documents and the exact Jaccard of every pair above zero (every other pair is exactly 0).</summary>
    public static void Write(IReadOnlyList<Doc> docs, string directory)
    {
        using (var w = new StreamWriter(Path.Combine(directory, DocumentsFile), false, new UTF8Encoding(false)))
            foreach (var d in docs)
                JsonLines.Write(w, new JsonObject { ["id"] = d.Id, ["base"] = d.Base, ["edit"] = d.Edit, ["text"] = d.Text });
        var shingles = docs.Select(d => Shingles(d.Text)).ToArray();
        using var pairs = new StreamWriter(Path.Combine(directory, PairsFile), false, new UTF8Encoding(false));
        pairs.Write("id_a\tid_b\tjaccard\n");
        for (var i = 0; i < docs.Count; i++)
            for (var j = i + 1; j < docs.Count; j++)
            {
                var jaccard = Jaccard(shingles[i], shingles[j]);
                if (jaccard > 0) pairs.Write(string.Create(CultureInfo.InvariantCulture, $"{docs[i].Id}\t{docs[j].Id}\t{jaccard:0.######}\n"));
            }
    }

    private static IEnumerable<(string Name, string Text)> SampleBodies(string site)
    {
        var parser = new HtmlParser();
        foreach (var file in Directory.GetFiles(site, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(site, file).Replace('\\', '/');
            if (SkipPaths.Any(relative.Contains)) continue;
            var bytes = File.ReadAllBytes(file);
            var html = relative.StartsWith("en/2024/04/cafe", StringComparison.Ordinal)
                ? Encoding.Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes);
            var paragraphs = parser.ParseDocument(html).QuerySelectorAll(BodySelector)
                .Select(p => string.Join(' ', p.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
                .Where(p => p.Length > 0).ToList();
            if (paragraphs.Count >= 3) yield return ("sample:" + Path.GetFileNameWithoutExtension(file), string.Join('\n', paragraphs));
        }
    }

    private static IEnumerable<(string Name, string Text)> ExtraBases(string path)
    {
        var blocks = File.ReadAllText(path).Replace("\r\n", "\n").Split("\n\n---\n\n");
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = string.Join('\n', blocks[i].Split('\n').Where(l => !l.StartsWith('#') && l.Trim().Length > 0));
            if (block.Length > 0) yield return ($"extra:{i + 1:D2}", block);
        }
    }

    private static string Headline(Random random, string[] vocabulary) =>
        string.Join(' ', Enumerable.Range(0, 6 + random.Next(4)).Select(_ => vocabulary[random.Next(vocabulary.Length)]));

    private static string Substitute(string text, double rate, Random random, string[] vocabulary)
    {
        var lines = text.Split('\n').Select(l => l.Split(' ')).ToList();
        var positions = lines.SelectMany((words, l) => words.Select((_, w) => (l, w))).ToList();
        var count = (int)Math.Round(positions.Count * rate);
        foreach (var (l, w) in positions.OrderBy(_ => random.Next()).Take(count))
            lines[l][w] = vocabulary[random.Next(vocabulary.Length)];
        return string.Join('\n', lines.Select(words => string.Join(' ', words)));
    }

    private static List<string> Sentences(string paragraph)
    {
        var parts = paragraph.Split(". ");
        return parts.Select((s, i) => i < parts.Length - 1 ? s + "." : s).ToList();
    }

    private static string DropSentence(string text, Random random)
    {
        var paragraphs = text.Split('\n').ToList();
        var candidates = Enumerable.Range(0, paragraphs.Count).Where(i => Sentences(paragraphs[i]).Count > 1).ToList();
        if (candidates.Count == 0) return string.Join('\n', paragraphs.Skip(1));
        var p = candidates[random.Next(candidates.Count)];
        var sentences = Sentences(paragraphs[p]);
        sentences.RemoveAt(random.Next(sentences.Count));
        paragraphs[p] = string.Join(' ', sentences);
        return string.Join('\n', paragraphs);
    }

    private static string AddSentences(string text, string other, Random random)
    {
        var paragraphs = text.Split('\n').ToList();
        var borrowed = other.Split('\n').SelectMany(Sentences).Where(s => s.Length > 20).ToList();
        var added = string.Join(' ', Enumerable.Range(0, 2).Select(_ => borrowed[random.Next(borrowed.Count)]));
        paragraphs.Insert(random.Next(paragraphs.Count + 1), added);
        return string.Join('\n', paragraphs);
    }
}
