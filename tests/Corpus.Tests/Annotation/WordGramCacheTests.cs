using Corpus.Annotation.Features;
using Corpus.Annotation.Topics;

namespace Corpus.Tests.Annotation;

/// <summary>
/// The topic regression keeps each word's character n-gram sum and adds it when the word comes again: the scores are
/// exactly those of hashing every n-gram, whatever the cache holds, and a repeated word is not hashed twice.
/// </summary>
public sealed class WordGramCacheTests
{
    private const string Lead = "The finance minister said the budget deficit narrowed as tax receipts rose, and the budget pleased the markets.";
    private const string Other = "Timnas Indonesia menang atas Vietnam; pelatih memuji disiplin para pemain, dan penonton bersorak panjang.";

    private static double[] Scores(TopicWeights weights, string title, string text)
    {
        var scores = new double[weights.Labels];
        weights.AddScores(title, text, scores);
        return scores;
    }

    [Fact]
    public void A_word_met_again_takes_its_n_grams_from_the_cache()
    {
        var weights = new TopicWeights(TopicModel.Shipped.Learned!);
        var cache = WordGramCache.For(weights);
        var before = cache.Hits;
        Scores(weights, "Budget", Lead);
        // "the" and "budget" repeat within the text, and the title's "budget" comes again in it.
        Assert.True(cache.Hits - before >= 3);
        var again = cache.Hits;
        Scores(weights, "Budget", Lead);
        Assert.True(cache.Hits - again >= Lead.Split(' ').Length - 2);
    }

    [Fact]
    public void Scores_do_not_depend_on_what_the_cache_holds()
    {
        var learned = TopicModel.Shipped.Learned!;
        var weights = new TopicWeights(learned);
        // Another table's scoring empties this thread's cache, so the first score below starts cold.
        Scores(new TopicWeights(learned), "", Other);
        var cold = Scores(weights, "Deficit narrows", Lead);
        Scores(weights, "", Other + " " + Lead);
        var warm = Scores(weights, "Deficit narrows", Lead);
        Assert.Equal(cold, warm);
        var expected = learned.Scores(TopicModel.LearnedFeatures(learned, Lead, "Deficit narrows"));
        for (var c = 0; c < cold.Length; c++) Assert.InRange(cold[c], expected[c] - 1e-4, expected[c] + 1e-4);
    }

    [Fact]
    public void A_slot_answers_only_for_the_word_it_holds()
    {
        var cache = WordGramCache.For(new object());
        var word = "budget".AsSpan();
        var hash = HashedFeatures.Mix(HashedFeatures.HashWord(word));
        var slot = WordGramCache.SlotOf(word, hash);
        cache.Put(slot, word, hash, System.Runtime.Intrinsics.Vector128.Create(1, 2, 3, 4), System.Runtime.Intrinsics.Vector128.Create(5, 6, 7, 8), 9);
        Assert.True(cache.TryGet(slot, word, hash, out var low, out _, out var count));
        Assert.Equal(2, low[1]);
        Assert.Equal(9, count);
        // Another word in the same slot (same length and hash, other letters) is not taken for it.
        Assert.False(cache.TryGet(slot, "budgex".AsSpan(), hash, out _, out _, out _));
        Assert.Equal(-1, WordGramCache.SlotOf(new string('a', WordGramCache.MaxWord + 1), 0));
    }
}
