using System.CommandLine;
using System.Globalization;
using Corpus.Core;
using Corpus.Core.Jsonl;
using Corpus.Dedup;
using Corpus.Dedup.MinHash;

namespace Corpus.Cli.Commands.Eval;

/// <summary>
/// <c>corpus eval dedup</c>: pair-level precision and recall of exact + near-duplicate detection on the generated
/// near-duplicate set. A pair is found when both documents land in one cluster. Pairs with true word-5-gram Jaccard
/// ≥ 0.8 should be found (recall); pairs below 0.5 must not be (precision counts them as false positives); pairs in
/// between are reported but not scored. Repeated-line removal is off: the set's Jaccard is of the text as given.
/// </summary>
public static class EvalDedupCommand
{
    public const string DefaultSet = "tests/Corpus.Tests/Dedup/EvalSet";
    private const double Found = 0.8;
    private const double NotFound = 0.5;

    public static Command Create(TextWriter output)
    {
        var setOption = new Option<string>("--set") { Description = "Folder with near-dup-set.jsonl and near-dup-pairs.tsv.", DefaultValueFactory = _ => DefaultSet };
        var bandsOption = new Option<int>("--bands") { Description = "LSH bands.", DefaultValueFactory = _ => MinHashParameters.Default.Bands };
        var rowsOption = new Option<int>("--rows") { Description = "Rows per band.", DefaultValueFactory = _ => MinHashParameters.Default.Rows };
        var command = new Command("dedup", "Pair precision and recall of duplicate detection against exact word-5-gram Jaccard.") { setOption, bandsOption, rowsOption };
        command.SetAction(async (parse, ct) =>
        {
            var set = parse.GetValue(setOption)!;
            var bands = parse.GetValue(bandsOption);
            var rows = parse.GetValue(rowsOption);
            if (bands < 1 || rows < 1) throw new CorpusUserException("--bands and --rows must be positive.");
            var docsPath = Path.Combine(set, "near-dup-set.jsonl");
            var pairsPath = Path.Combine(set, "near-dup-pairs.tsv");
            if (!File.Exists(pairsPath)) throw new CorpusUserException($"'{pairsPath}' does not exist (is --set the evaluation folder?).");

            var inputs = JsonLines.Read(docsPath)
                .Select((x, i) => new DedupInput(i, JsonLines.RequireString(x.Value, "id", docsPath, x.Line), JsonLines.RequireString(x.Value, "text", docsPath, x.Line), null, "", null))
                .ToList();
            var options = new DedupOptions(MinHash: MinHashParameters.Default with { Bands = bands, Rows = rows }, RepeatedLines: false);
            var (verdicts, _) = DedupRunner.RunInMemory(inputs, options);
            var cluster = verdicts.ToDictionary(v => v.Input.Id, v => v.Cluster ?? v.Input.Id);

            var jaccard = new Dictionary<(string, string), double>();
            foreach (var line in File.ReadLines(pairsPath).Skip(1))
            {
                var f = line.Split('\t');
                jaccard[Key(f[0], f[1])] = double.Parse(f[2], CultureInfo.InvariantCulture);
            }
            long tp = 0, fn = 0, fp = 0, tn = 0, middleFound = 0, middle = 0;
            for (var i = 0; i < inputs.Count; i++)
                for (var j = i + 1; j < inputs.Count; j++)
                {
                    var a = inputs[i].Id;
                    var b = inputs[j].Id;
                    var s = jaccard.GetValueOrDefault(Key(a, b));
                    var found = cluster[a] == cluster[b];
                    if (s >= Found) { if (found) tp++; else fn++; }
                    else if (s < NotFound) { if (found) fp++; else tn++; }
                    else { middle++; if (found) middleFound++; }
                }
            var precision = tp + fp == 0 ? 1.0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 1.0 : (double)tp / (tp + fn);
            var c = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Create(c, $"dedup eval: {inputs.Count} documents, {inputs.Count * (inputs.Count - 1L) / 2:N0} pairs, {bands} bands x {rows} rows, word {options.MinHashParameters.ShingleWords}-grams"));
            await output.WriteLineAsync(string.Create(c, $"  pairs with Jaccard >= {Found}: {tp + fn:N0}, found {tp:N0}, missed {fn:N0}"));
            await output.WriteLineAsync(string.Create(c, $"  pairs with Jaccard <  {NotFound}: {fp + tn:N0}, wrongly clustered {fp:N0}"));
            await output.WriteLineAsync(string.Create(c, $"  pairs in between (not scored): {middle:N0}, clustered {middleFound:N0}"));
            await output.WriteLineAsync(string.Create(c, $"  precision {precision:0.0000}  recall {recall:0.0000}"));
            return CorpusApp.Ok;
        });
        return command;
    }

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
}
