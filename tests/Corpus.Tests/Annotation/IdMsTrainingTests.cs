using Corpus.Annotation.Language;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

public sealed class IdMsTrainingTests
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Annotation", "Data", name);

    [Fact]
    public async Task Langid_train_is_deterministic_and_keeps_the_odd_half_aside()
    {
        using var dir = new TempDir();
        var id = dir.File("id.txt");
        var ms = dir.File("ms.txt");
        await File.WriteAllTextAsync(id, "yang 100\nkarena 40\nbahwa 30\npolisi 20\n");
        await File.WriteAllTextAsync(ms, "yang 100\nkerana 40\nbahawa 30\npolis 20\n");
        var args = new[] { "langid", "train", "--frequency-id", id, "--frequency-ms", ms, "--dslcc", Sample("idms-dslcc-train-tiny.jsonl") };
        var first = await CliRunner.RunAsync([.. args, "--out", dir.File("a.gz")]);
        var second = await CliRunner.RunAsync([.. args, "--out", dir.File("b.gz")]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        // The tiny file holds only even (trainable) ids, so all 20 train and nothing is held aside.
        Assert.Contains("Trained on 20 sentences (10 id, 10 ms)", first.Output);
        Assert.Equal(File.ReadAllBytes(dir.File("a.gz")), File.ReadAllBytes(dir.File("b.gz")));
        var model = new IdMsDiscriminator(Corpus.Annotation.Features.LinearModel.Load(dir.File("a.gz")));
        Assert.True(model.LogOdds("bahawa polis kerana") < model.LogOdds("bahwa polisi karena"));
    }

    [Fact]
    public void The_held_aside_half_is_the_odd_ids()
    {
        Assert.True(IdMsTraining.HeldAside("b0001"));
        Assert.False(IdMsTraining.HeldAside("b0002"));
        Assert.All(File.ReadLines(Sample("idms-dslcc-sample.jsonl")), l => Assert.True(IdMsTraining.HeldAside((string)System.Text.Json.Nodes.JsonNode.Parse(l)!["id"]!)));
    }

    [Fact]
    public async Task A_missing_frequency_list_is_a_user_error_naming_it()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync("langid", "train", "--frequency-id", dir.File("nope.txt"), "--frequency-ms", dir.File("nope2.txt"), "--out", dir.File("m.gz"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.txt", result.Error);
    }
}
