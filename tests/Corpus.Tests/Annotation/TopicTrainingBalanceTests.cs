using Corpus.Annotation.Features;

namespace Corpus.Tests.Annotation;

public sealed class TopicTrainingBalanceTests
{
    private static readonly FeatureSpec Spec = new(Bits: 8, WordBigrams: false, CharMin: 0, CharMax: 0);
    private static readonly string[] Labels = ["common", "rare"];

    // Nine examples of one label and one of the other, all with the same single feature: what a regression can learn
    // from them is how often each label comes.
    private static List<TrainingExample> NineToOne() =>
        Enumerable.Range(0, 10).Select(i => new TrainingExample(new SparseVector([1], [1f]), i == 0 ? 1 : 0)).ToList();

    private static double RareProbability(TrainingOptions options)
    {
        var model = LinearTrainer.Train(NineToOne(), Spec, Labels, options);
        return LinearModel.Softmax(model.Scores(new SparseVector([1], [1f])))[1];
    }

    [Fact]
    public void Class_balance_weighs_a_rare_label_as_much_as_a_common_one()
    {
        var options = new TrainingOptions { Epochs = 60, Decimals = 4, Prune = 0 };
        var plain = RareProbability(options);
        var balanced = RareProbability(options with { ClassBalance = 1 });
        var half = RareProbability(options with { ClassBalance = 0.5 });

        Assert.InRange(plain, 0.03, 0.2);
        Assert.InRange(balanced, 0.4, 0.6);
        Assert.InRange(half, plain + 0.05, balanced - 0.05);
    }

    [Fact]
    public void More_seeds_average_trainings_in_other_orders()
    {
        var examples = Enumerable.Range(0, 12)
            .Select(i => new TrainingExample(new SparseVector([i % 4, 4 + i % 3], [0.7f, 0.7f]), i % 2)).ToList();
        var one = LinearTrainer.Train(examples, Spec, Labels, new TrainingOptions { Epochs = 3, Prune = 0 });
        var again = LinearTrainer.Train(examples, Spec, Labels, new TrainingOptions { Epochs = 3, Prune = 0 });
        var three = LinearTrainer.Train(examples, Spec, Labels, new TrainingOptions { Epochs = 3, Prune = 0, Seeds = 3 });
        var second = LinearTrainer.Train(examples, Spec, Labels, new TrainingOptions { Epochs = 3, Prune = 0, Seed = 20151 });
        var third = LinearTrainer.Train(examples, Spec, Labels, new TrainingOptions { Epochs = 3, Prune = 0, Seed = 20152 });

        // A linear model's scores are its weights and bias, so averaged weights give averaged scores.
        double[] Scores(LinearModel m) => Enumerable.Range(0, 7).SelectMany(b => m.Scores(new SparseVector([b], [1f]))).ToArray();
        Assert.Equal(Scores(one), Scores(again));
        Assert.NotEqual(Scores(one), Scores(three));
        var mean = Scores(one).Zip(Scores(second), Scores(third)).Select(t => (t.First + t.Second + t.Third) / 3).ToArray();
        for (var i = 0; i < mean.Length; i++) Assert.Equal(mean[i], Scores(three)[i], tolerance: 1e-3);
    }
}
