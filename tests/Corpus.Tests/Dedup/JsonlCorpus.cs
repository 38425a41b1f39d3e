using System.Text;
using System.Text.Json.Nodes;
using Corpus.Core.Jsonl;

namespace Corpus.Tests.Dedup;

/// <summary>Writes and reads the small JSON Lines corpora the dedup tests run <c>corpus dedup</c> on.</summary>
public static class JsonlCorpus
{
    public static void Write(string path, IEnumerable<JsonObject> docs)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var d in docs) JsonLines.Write(w, d);
    }

    public static List<JsonObject> Read(string path) => JsonLines.Read(path).Select(x => x.Value).ToList();

    public static JsonObject Doc(string id, string text, string? url = null, string? published = null)
    {
        var o = new JsonObject { ["id"] = id, ["text"] = text };
        if (url is not null) o["url"] = url;
        if (published is not null) o["published"] = published;
        return o;
    }

    /// <summary>A made-up article of <paramref name="words"/> words, different for every seed.</summary>
    public static string Article(int seed, int words = 120)
    {
        var random = new Random(seed);
        string[] vocabulary = ["desa", "kota", "harga", "beras", "pasar", "warga", "jalan", "sekolah", "petani", "nelayan", "hujan", "banjir",
            "anggaran", "menteri", "gubernur", "pelabuhan", "kapal", "listrik", "air", "rumah", "sakit", "guru", "murid", "kopi", "garam"];
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            sb.Append(vocabulary[random.Next(vocabulary.Length)]).Append(random.Next(40));
            sb.Append(i % 30 == 29 ? "\n" : " ");
        }
        return sb.ToString().Trim();
    }
}
