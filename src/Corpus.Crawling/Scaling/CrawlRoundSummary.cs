namespace Corpus.Crawling.Scaling;

/// <summary>
/// What one round of one crawl task left. <see cref="Fetched"/> and <see cref="Failed"/> count the task's URLs done
/// and failed so far (all rounds, so re-running a round reports the same); <see cref="HandedOver"/> the URLs it
/// exported for the next round; <see cref="Received"/> the URLs it read from the previous round's handover;
/// <see cref="WarcFiles"/> the task's closed WARC files.
/// </summary>
public sealed record CrawlRoundSummary(int Round, int Task, int Fetched, int Failed, int HandedOver, int Received, IReadOnlyList<string> WarcFiles);
