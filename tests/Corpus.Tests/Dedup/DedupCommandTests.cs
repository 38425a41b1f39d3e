using Corpus.Tests.Support;
using static Corpus.Tests.Dedup.JsonlCorpus;

namespace Corpus.Tests.Dedup;

/// <summary><c>corpus dedup</c> on JSON Lines corpora: what a user running it on their own corpus would check.</summary>
public sealed class DedupCommandTests
{
    private const string Footer = "Ikuti terus berita terkini Kabar Nusantara melalui kanal WhatsApp dan aplikasi kami.";

    [Fact]
    public async Task Every_input_object_comes_back_in_order_with_duplicate_of_and_dup_cluster()
    {
        using var dir = new TempDir();
        var original = Article(1, 300);
        var near = original + " tambahan kalimat baru di sini";
        Write(dir.File("in.jsonl"), [
            Doc("b-copy", original, published: "2024-03-02T10:00:00Z") .Also(o => o["extra"] = 7),
            Doc("unique", Article(2)),
            Doc("a-original", original, published: "2024-03-01T10:00:00Z"),
            Doc("c-near", near, published: "2024-03-03T10:00:00Z"),
        ]);
        var result = await CliRunner.RunAsync("dedup", "--in", dir.File("in.jsonl"), "--out", dir.File("out.jsonl"));
        Assert.True(result.ExitCode == 0, result.Error);

        var rows = Read(dir.File("out.jsonl"));
        Assert.Equal(["b-copy", "unique", "a-original", "c-near"], rows.Select(r => (string)r["id"]!));
        Assert.Equal(7, (int)rows[0]["extra"]!);
        Assert.Equal("a-original", (string?)rows[0]["duplicate_of"]);
        Assert.Null(rows[1]["duplicate_of"]);
        Assert.Null(rows[1]["dup_cluster"]);
        Assert.Null(rows[2]["duplicate_of"]);
        Assert.Equal("a-original", (string?)rows[3]["duplicate_of"]);
        Assert.All(new[] { rows[0], rows[2], rows[3] }, r => Assert.Equal("a-original", (string?)r["dup_cluster"]));
        Assert.Contains("duplicates 2 in 1 clusters", result.Output);
    }

    [Fact]
    public async Task Keeper_is_the_earliest_published_then_the_longest_then_the_smallest_id()
    {
        using var dir = new TempDir();
        var text = Article(3);
        Write(dir.File("in.jsonl"), [
            // no date: sorts after every dated copy
            Doc("a", text),
            Doc("b", text + "\n.", published: "2024-05-01T00:00:00+07:00"),
            Doc("c", text + "\n...", published: "2024-05-01T00:00:00+07:00"),
            Doc("d", text, published: "2024-05-01T00:00:00+07:00"),
        ]);
        Assert.Equal(0, (await CliRunner.RunAsync("dedup", "--in", dir.File("in.jsonl"), "--out", dir.File("out.jsonl"))).ExitCode);
        // b, c, d share the earliest date; c is the longest text (its punctuation folds away, so all four are exact copies).
        Assert.All(Read(dir.File("out.jsonl")), r => Assert.Equal("c", (string?)r["dup_cluster"]));

        Write(dir.File("ties.jsonl"), [Doc("z", text), Doc("y", text)]);
        Assert.Equal(0, (await CliRunner.RunAsync("dedup", "--in", dir.File("ties.jsonl"), "--out", dir.File("ties-out.jsonl"))).ExitCode);
        Assert.Equal("y", (string?)Read(dir.File("ties-out.jsonl"))[0]["duplicate_of"]);
    }

    [Fact]
    public async Task Same_canonical_url_is_one_document_even_when_the_text_changed()
    {
        using var dir = new TempDir();
        Write(dir.File("in.jsonl"), [
            Doc("first", Article(4), url: "http://a.test/x.html", published: "2024-01-01T00:00:00Z"),
            Doc("updated", Article(5), url: "http://a.test/x.html", published: "2024-01-02T00:00:00Z"),
        ]);
        Assert.Equal(0, (await CliRunner.RunAsync("dedup", "--in", dir.File("in.jsonl"), "--out", dir.File("out.jsonl"))).ExitCode);
        Assert.Equal("first", (string?)Read(dir.File("out.jsonl"))[1]["duplicate_of"]);
    }

    [Fact]
    public async Task Lines_repeated_across_a_host_are_removed_and_counted_but_not_on_other_hosts()
    {
        using var dir = new TempDir();
        var docs = Enumerable.Range(0, 6).Select(i => Doc($"a{i}", Article(10 + i) + "\n" + Footer, url: $"http://a.test/{i}.html"))
            .Concat(Enumerable.Range(0, 3).Select(i => Doc($"b{i}", Article(20 + i) + "\n" + Footer, url: $"http://b.test/{i}.html")))
            .Append(Doc("only-footer", Footer, url: "http://a.test/only.html"))
            .ToList();
        Write(dir.File("in.jsonl"), docs);
        var result = await CliRunner.RunAsync("dedup", "--in", dir.File("in.jsonl"), "--out", dir.File("out.jsonl"));
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = Read(dir.File("out.jsonl"));
        foreach (var r in rows.Take(6))
        {
            Assert.DoesNotContain("Ikuti terus", (string)r["text"]!);
            Assert.Equal(1, (int)r["repeated_lines_removed"]!);
        }
        // A document that is nothing but repeated lines is not emptied.
        Assert.Equal(Footer, (string)rows[^1]["text"]!);
        Assert.Equal(0, (int)rows[^1]["repeated_lines_removed"]!);
        foreach (var r in rows.Skip(6).SkipLast(1))
        {
            Assert.EndsWith(Footer, (string)r["text"]!);
            Assert.Equal(0, (int)r["repeated_lines_removed"]!);
        }
        Assert.Contains("7: 1", result.Output); // the histogram the threshold is chosen from: one line in 7 documents of a.test
    }

    [Fact]
    public async Task A_line_without_text_is_a_user_error_naming_the_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\"}\n");
        var result = await CliRunner.RunAsync("dedup", "--in", dir.File("in.jsonl"), "--out", dir.File("out.jsonl"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3", result.Error);
        Assert.Contains("'text'", result.Error);
    }

    [Fact]
    public async Task Eval_dedup_reports_precision_and_recall_on_the_generated_set()
    {
        var result = await CliRunner.RunAsync("eval", "dedup", "--set", EvalSet.NearDupSetTests.Folder);
        Assert.True(result.ExitCode == 0, result.Error);
        var line = result.Output.Split('\n').Single(l => l.Contains("precision", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var precision = double.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture);
        var recall = double.Parse(line[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(precision >= 0.95, result.Output);
        Assert.True(recall >= 0.95, result.Output);
    }
}

internal static class JsonObjectExtensions
{
    public static System.Text.Json.Nodes.JsonObject Also(this System.Text.Json.Nodes.JsonObject o, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        change(o);
        return o;
    }
}
