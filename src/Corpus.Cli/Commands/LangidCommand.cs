using System.CommandLine;
using System.Globalization;
using Corpus.Annotation.Language;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus langid train</c>: the Indonesian/Malay discriminator's model from two word frequency lists and labelled
/// sentences. A DSLCC-style file's held-aside half (odd id numbers) is never trained on; the command prints the
/// accuracy on it.
/// </summary>
public static class LangidCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("langid", "Work with the Indonesian/Malay discriminator.");
        var freqId = new Option<string>("--frequency-id") { Description = "Indonesian word frequency list ('word count' per line).", Required = true };
        var freqMs = new Option<string>("--frequency-ms") { Description = "Malay word frequency list ('word count' per line).", Required = true };
        var sentences = new Option<string[]>("--sentences") { Description = "JSON Lines with text and language (id/ms lines are used); repeatable.", AllowMultipleArgumentsPerToken = true };
        var dslcc = new Option<string?>("--dslcc") { Description = "DSLCC-style JSON Lines (id, text, language): the even-numbered half trains, the odd half is held aside and measured." };
        var outPath = new Option<string>("--out") { Description = "The model file to write (the shipped one is src/Corpus.Annotation/Data/id-ms.model.gz).", Required = true };
        var defaults = new IdMsTrainingOptions();
        var charWeight = new Option<double[]>("--char-weight") { Description = "Candidate weights of character n-gram log-ratios against word ones (chosen by cross-fitting).", AllowMultipleArgumentsPerToken = true };
        var frequencyWeight = new Option<double[]>("--frequency-weight") { Description = "Candidate weights of the frequency lists' word log-ratios (chosen by cross-fitting).", AllowMultipleArgumentsPerToken = true };
        var minCount = new Option<int>("--min-count") { Description = "Sentence features seen fewer times are left out.", DefaultValueFactory = _ => defaults.MinCount };
        var train = new Command("train", "Train the Indonesian/Malay model.") { freqId, freqMs, sentences, dslcc, outPath, charWeight, frequencyWeight, minCount };
        train.SetAction(async (parse, ct) =>
        {
            var samples = new List<LanguageSample>();
            foreach (var path in parse.GetValue(sentences) ?? []) samples.AddRange(LanguageSamples.Read(path));
            var dslccPath = parse.GetValue(dslcc);
            if (dslccPath is not null) samples.AddRange(LanguageSamples.Read(dslccPath, part: false));
            var model = IdMsTraining.Train(samples, IdMsTraining.ReadFrequencies(parse.GetValue(freqId)!), IdMsTraining.ReadFrequencies(parse.GetValue(freqMs)!),
                new IdMsTrainingOptions
                {
                    CharWeights = parse.GetValue(charWeight) is { Length: > 0 } c ? c : defaults.CharWeights,
                    FrequencyWeights = parse.GetValue(frequencyWeight) is { Length: > 0 } f ? f : defaults.FrequencyWeights,
                    MinCount = parse.GetValue(minCount),
                });
            var target = parse.GetValue(outPath)!;
            model.Save(target);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Trained on {samples.Count} sentences ({samples.Count(s => s.Language == "id")} id, {samples.Count(s => s.Language == "ms")} ms); chose {string.Join(", ", model.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}; {model.NonZeroBuckets} buckets; wrote {target} ({new FileInfo(target).Length / 1024.0:0} KB)"));
            if (dslccPath is not null)
            {
                var discriminator = new IdMsDiscriminator(model);
                foreach (var group in LanguageSamples.Read(dslccPath, part: true).GroupBy(s => s.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    var right = group.Count(s => (discriminator.LogOdds(s.Text) >= 0 ? "id" : "ms") == s.Language);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"held-aside {group.Key}: {right / (double)group.Count():0.000} ({right}/{group.Count()})"));
                }
            }
            return CorpusApp.Ok;
        });
        command.Add(train);
        return command;
    }
}
