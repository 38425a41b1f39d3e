using Corpus.Tests.Support;

namespace Corpus.Tests.Dedup.EvalSet;

/// <summary>
/// The near-duplicate evaluation set is reproducible: the committed files are exactly what the generator makes.
/// Regenerate with <c>CORPUS_WRITE_DEDUP_SET=1 dotnet test Corpus.sln --filter NearDupSet</c>.
/// </summary>
public sealed class NearDupSetTests
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Dedup", "EvalSet");

    private static IReadOnlyList<NearDupSetGenerator.Doc> Generate() =>
        NearDupSetGenerator.Generate(RepoPaths.SampleSite, Path.Combine(Folder, "extra-bases.txt"));

    [Fact]
    public void Committed_set_is_what_the_generator_makes()
    {
        using var dir = new TempDir();
        var docs = Generate();
        NearDupSetGenerator.Write(docs, Environment.GetEnvironmentVariable("CORPUS_WRITE_DEDUP_SET") == "1" ? Folder : dir.Path);
        var written = Environment.GetEnvironmentVariable("CORPUS_WRITE_DEDUP_SET") == "1" ? Folder : dir.Path;
        foreach (var file in new[] { NearDupSetGenerator.DocumentsFile, NearDupSetGenerator.PairsFile })
            Assert.True(File.ReadAllText(Path.Combine(Folder, file)) == File.ReadAllText(Path.Combine(written, file)),
                $"{file} differs from what the generator makes; regenerate it (see the class comment).");
    }

    [Fact]
    public void Set_has_every_edit_for_every_base_and_both_sides_of_the_thresholds()
    {
        var docs = Generate();
        var bases = docs.Where(d => d.Edit == "base").ToList();
        Assert.True(bases.Count >= 30, $"only {bases.Count} bases");
        Assert.Contains(bases, b => b.Id.StartsWith("extra:", StringComparison.Ordinal));
        Assert.All(bases, b => Assert.Equal(11, docs.Count(d => d.Base == b.Base)));

        var byId = docs.ToDictionary(d => d.Id, d => NearDupSetGenerator.Shingles(d.Text));
        var baseId = bases[0].Id;
        Assert.Equal(1.0, NearDupSetGenerator.Jaccard(byId[baseId], byId[baseId + "~exact"]));
        Assert.InRange(NearDupSetGenerator.Jaccard(byId[baseId], byId[baseId + "~sub-2pct"]), 0.8, 0.99);
        Assert.True(NearDupSetGenerator.Jaccard(byId[baseId], byId[baseId + "~sub-25pct"]) < 0.5);
    }

    [Fact]
    public void Jaccard_is_exact_over_word_5_grams_of_the_folded_text()
    {
        var a = NearDupSetGenerator.Shingles("Satu, dua tiga EMPAT lima enam.");
        var b = NearDupSetGenerator.Shingles("satu dua tiga empat lima tujuh");
        Assert.True(a.SetEquals(["satu dua tiga empat lima", "dua tiga empat lima enam"]));
        Assert.Equal(1.0 / 3, NearDupSetGenerator.Jaccard(a, b), 6);
        Assert.Single(NearDupSetGenerator.Shingles("terlalu pendek"));
    }
}
