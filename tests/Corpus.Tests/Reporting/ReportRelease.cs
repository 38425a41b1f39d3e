using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Parquet.Release;
using Corpus.Reporting;
using Corpus.Tests.Parquet;

namespace Corpus.Tests.Reporting;

/// <summary>
/// Small releases written by the real release writer with the report hook the build's write step sets: kept
/// articles in three languages, excluded ones by two rules, failures, a duplicate cluster, and hostile text (markup,
/// a quote-breaking URL, personal data that masking must hide).
/// </summary>
public static class ReportRelease
{
    public const string Email = "budi.santoso@kabarpribadi.co.id";
    public const string PublicIp = "81.2.69.142";
    public const string HostileTitle = "<script>alert('owned')</script>";
    public const string HostileUrl = "http://kabar.test/berita/\"><img src=x onerror=alert(1)>.html";

    /// <summary><paramref name="minWords"/> documents excluded by quality.min_words, so the example cap can be checked.</summary>
    public static BuildResult Build(int kept = 12, int minWords = 8, int promos = 3)
    {
        var docs = new List<Document>();
        for (var i = 0; i < kept; i++) docs.Add(SyntheticRelease.Article(i) with { PromosRemoved = i < promos ? 2 : 0, PromoRemovals = i < promos ? Promos(i) : null, TokenCount = 40 + i });
        for (var i = 0; i < minWords; i++)
            docs.Add(SyntheticRelease.Article(100 + i).Exclude("quality.min_words", (10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // Excluded before cleaning: its text still holds the personal data masking would have removed.
        docs.Add((SyntheticRelease.Article(200, text: $"{HostileTitle}\nHubungi {Email} atau server {PublicIp} untuk info.") with { Title = HostileTitle })
            .Exclude("extract.page_type", "<b>listing</b>"));
        var hostile = SyntheticRelease.Article(201) with { Url = HostileUrl, SourceUrl = HostileUrl };
        docs.Add(hostile.Exclude("extract.page_type", "website"));
        var failed = SyntheticRelease.Article(300);
        docs.Add(failed.Fail($"HTTP 404 from {failed.Url}") with { Text = "" });
        docs.Add(SyntheticRelease.Article(301).Fail("extract.time_budget: took too long") with { Text = "" });
        // A cluster of three: document 0 kept, two copies set aside as its duplicates.
        var keeper = docs[0];
        docs[0] = keeper with { DupCluster = keeper.Id, DupClusterSize = 3 };
        for (var i = 0; i < 2; i++)
            docs.Add((SyntheticRelease.Article(400 + i) with { DupCluster = keeper.Id }).MarkDuplicateOf(keeper.Id));
        return SyntheticRelease.Build(docs);
    }

    public const string PromoBefore = "Paragraf sebelum promo dari berita";
    public const string PromoAfter = "Paragraf sesudah promo dari berita";

    /// <summary>The two promos document <paramref name="i"/> lost: a "Baca juga" line between two paragraphs, and a link block at the end whose neighbour holds an e-mail address.</summary>
    public static IReadOnlyList<PromoRemoval> Promos(int i) =>
    [
        PromoRemoval.Of("promo.lead_phrase", $"Baca juga: Harga cabai naik lagi ({i})", $"{PromoBefore} {i}.", $"{PromoAfter} {i}."),
        PromoRemoval.Of("promo.link_block", $"Berita terkait {i}", $"Kirim tanggapan ke {Email}.", null),
    ];

    /// <summary>Writes <paramref name="build"/> as a release with <c>report.html</c> and <c>promos.json</c>, as <c>corpus build</c> does.</summary>
    public static async Task<string> WriteAsync(string releasesRoot, BuildResult build, string version = "1.0.0")
    {
        var promos = new PromoSummary.Tally();
        foreach (var d in build.Documents) promos.Add(d);
        var writer = new ReleaseWriter(SyntheticRelease.Recipe(version), releasesRoot, "0.1.0")
        {
            Report = (dir, manifest, ct) => ReleaseReport.RenderAsync(dir, manifest, ct: ct),
            Texts = new Dictionary<string, string> { [PromoSummary.FileName] = promos.ToSummary().ToJson() },
        };
        await writer.WriteAsync(build);
        return writer.TargetPath;
    }
}
