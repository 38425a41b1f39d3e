using System.CommandLine;
using System.Globalization;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Crawling.Crawler;

namespace Corpus.Cli.Commands;

/// <summary>
/// <c>corpus crawl [RECIPE] [--out DIR] [--recrawl]</c>: crawls the recipe's web sources into WARC files and a
/// resumable frontier, without building. Run it again on the same folder to continue after an interruption.
/// </summary>
public static class CrawlCommand
{
    public static Command Create(TextWriter output)
    {
        var recipeArg = new Argument<string>("RECIPE") { Description = "The dataset recipe (corpus.yaml).", DefaultValueFactory = _ => BuildCommand.DefaultRecipe };
        var outOption = new Option<string?>("--out") { Description = "Crawl folder (default: <crawl.work_dir>/crawl beside the recipe). Holds frontier.sqlite and warc/." };
        var recrawlOption = new Option<bool>("--recrawl") { Description = "Fetch finished pages again, conditionally (ETag / Last-Modified)." };
        var progressOption = new Option<double>("--progress-seconds") { Description = "Seconds between progress lines when output is not a terminal.", DefaultValueFactory = _ => 5 };
        var command = new Command("crawl", "Crawl the recipe's sources politely into WARC files (resumable).") { recipeArg, outOption, recrawlOption, progressOption };
        command.SetAction(async (parse, ct) =>
        {
            var recipe = RecipeLoader.Load(parse.GetValue(recipeArg)!);
            var dir = parse.GetValue(outOption) is { } o ? Path.GetFullPath(o) : Path.Combine(recipe.ResolvePath(recipe.Crawl.WorkDir), "crawl");
            await output.WriteLineAsync($"Crawling {recipe.Name} into {dir} ...");
            var live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            WebCrawler? crawler = null;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var every = TimeSpan.FromSeconds(live ? 0.5 : Math.Max(0.1, parse.GetValue(progressOption)));
            var reporter = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        await Task.Delay(every, stop.Token);
                        if (crawler is null) continue;
                        var line = Describe(crawler.Status);
                        if (live) await output.WriteAsync($"\r{line}   ");
                        else await output.WriteLineAsync(line);
                    }
                }
                catch (OperationCanceledException) { }
            }, CancellationToken.None);
            CrawlSummary summary;
            try
            {
                summary = await CrawlSource.RunCrawlAsync(recipe, dir, parse.GetValue(recrawlOption), null, $"Corpus/{CorpusApp.ToolVersion}", c => crawler = c, ct);
            }
            finally
            {
                await stop.CancelAsync();
                await reporter;
            }
            if (live) await output.WriteLineAsync();
            await output.WriteLineAsync(Describe(crawler!.Status));
            await output.WriteLineAsync($"URLs done {summary.Done}, failed {summary.Failed}" + (summary.Requeued > 0 ? $", {summary.Requeued} left unfinished by an interrupted run and queued again" : ""));
            await output.WriteLineAsync($"WARC files: {summary.WarcFiles.Count} in {Path.Combine(dir, "warc")}");
            var warcDir = Path.GetRelativePath(recipe.BaseDirectory, Path.Combine(dir, "warc"));
            if (warcDir.StartsWith("..", StringComparison.Ordinal)) warcDir = Path.Combine(dir, "warc");
            if (summary.PagesDone == 0)
            {
                // Nothing to build from: say why, in one sentence per reason, and fail.
                var reasons = summary.FailureReasons.Count == 0 ? "no page URL was found in the sources"
                    : string.Join("; ", summary.FailureReasons.Take(5).Select(r => $"{r.Count} × {r.Reason}"));
                throw new Corpus.Core.CorpusUserException($"The crawl of {recipe.Name} fetched no page ({reasons}); each URL's reason is in {Path.Combine(dir, "frontier.sqlite")}.");
            }
            await output.WriteLineAsync($"Build from them with sources.warc: [{warcDir}/*.warc.gz]");
            return CorpusApp.Ok;
        });
        return command;
    }

    private static string Describe(CrawlStatus s) => string.Format(CultureInfo.InvariantCulture,
        "fetched {0}  failed {1}  queued {2}  in flight {3}  {4:0.0} pages/s  {5:0.0} MB",
        s.Fetched, s.Failed, s.Queued, s.InFlight, s.PagesPerSecond, s.Bytes / (1024.0 * 1024.0));
}
