using System.Globalization;
using Corpus.Cleaning.Pii;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Parquet.Release;
using Corpus.Parquet.Schema;

namespace Corpus.Reporting;

/// <summary>
/// Reads a release once, shard by shard, into what the report shows. Holds counts, the first few examples per group
/// and the cluster index, never the rows: memory follows the number of rules, languages, domains and clusters.
/// </summary>
public sealed class ReleaseScan
{
    private static readonly string[] KeptColumns =
        ["id", "url", "domain", "language", "language_score", "topic", "topic_label", "published", "word_count", "token_count", "promos_removed", "dup_cluster", "dup_cluster_size"];
    private static readonly string[] ExcludedColumns = ["id", "url", "status", "rule", "value", "duplicate_of", "error", "text", "dup_cluster"];
    private static readonly string[] DuplicateColumns = ["url", "status", "duplicate_of", "dup_cluster"];

    /// <summary>Every kind of personal data is masked again in what the page shows, whatever the recipe masked.</summary>
    private static readonly PiiMasker Masker = new(new PiiSettings { Emails = true, IpAddresses = true, Phones = true });

    private readonly OutcomeGroups _exclusions = new();
    private readonly OutcomeGroups _failures = new();
    private readonly SetAsideExamples? _setAside;
    private readonly SortedDictionary<string, (long Count, double Score, long Scored)> _languages = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (long Count, string? Label)> _topics = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _domains = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _months = new(StringComparer.Ordinal);
    private readonly long[] _words = new long[ReleaseStatistics.LengthBuckets.Count];
    private readonly long[] _tokens = new long[ReportLayout.TokenBuckets.Count];
    private long _untokenised, _undated;
    private readonly SortedDictionary<string, (long Kept, long Documents, long Promos)> _promos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClusterTally> _clusters = new(StringComparer.Ordinal);
    private long _duplicates;

    // What a scan fed with documents (FromDocuments) makes rows of, and how many it was given of each table.
    private readonly Column[] _keptColumns = [], _duplicateColumns = [];
    private long _keptRows, _setAsideRows;

    private ReleaseScan(SetAsideExamples? setAside) => _setAside = setAside;

    private ReleaseScan(SetAsideExamples setAside, TableSchema articles, TableSchema excluded) : this(setAside)
    {
        _keptColumns = [.. articles.Columns.Where(c => KeptColumns.Contains(c.Name))];
        _duplicateColumns = [.. excluded.Columns.Where(c => DuplicateColumns.Contains(c.Name))];
    }

    /// <summary>
    /// A scan fed with the documents as the build streams them to the publish step (<see cref="Add"/>), in the order
    /// the write step writes them. Each row is made by the table's own columns (<paramref name="articles"/>,
    /// <paramref name="excluded"/>: the writer's, <see cref="ArticleSchemas"/> by default), so the tallies are the ones
    /// reading the shards back would give, without opening a shard. The excluded and failed groups come from
    /// <paramref name="setAside"/>, gathered from the same documents.
    /// </summary>
    public static ReleaseScan FromDocuments(SetAsideExamples setAside, TableSchema? articles = null, TableSchema? excluded = null) =>
        new(setAside, articles ?? ArticleSchemas.Articles, excluded ?? ArticleSchemas.Excluded);

    /// <summary>Counts one document of the release: a kept one as its row of the articles table, any other as its row of the excluded table.</summary>
    public void Add(Document d)
    {
        if (d.IsKept)
        {
            _keptRows++;
            AddKept(RowOf(_keptColumns, d));
        }
        else
        {
            _setAsideRows++;
            // Excluded and failed rows are counted by the set-aside examples; only duplicates are tallied here.
            if (d.Disposition == Disposition.Duplicate) AddSetAside(RowOf(_duplicateColumns, d));
        }
    }

    private static ShardRow RowOf(Column[] columns, Document d)
    {
        var values = new Dictionary<string, object?[]>(columns.Length, StringComparer.Ordinal);
        foreach (var column in columns) values[column.Name] = [column.Value(d)];
        return new ShardRow(values, 0);
    }

    /// <summary>
    /// Reads the release's shards. With <paramref name="setAside"/> (what the build saw as it streamed the documents
    /// that fill the excluded table), the excluded and failed groups come from it and no text column is read.
    /// </summary>
    public static Task<ReportData> ReadAsync(string releaseDir, ReleaseManifest manifest, IReadOnlyList<StepStats>? steps = null,
        ReleaseDiff? diff = null, SetAsideExamples? setAside = null, CancellationToken ct = default) =>
        ReadAsync(releaseDir, manifest, steps, diff, setAside, streamed: null, ct);

    /// <summary>
    /// The same, taking the tallies from <paramref name="streamed"/> (see <see cref="FromDocuments"/>) when it was fed as
    /// many kept and set-aside rows as the manifest lists; otherwise the shards are read.
    /// </summary>
    public static async Task<ReportData> ReadAsync(string releaseDir, ReleaseManifest manifest, IReadOnlyList<StepStats>? steps, ReleaseDiff? diff,
        SetAsideExamples? setAside, ReleaseScan? streamed, CancellationToken ct = default)
    {
        var data = manifest.Files.Where(f => f.Path.StartsWith("data/", StringComparison.Ordinal)).ToList();
        var excluded = manifest.Files.Where(f => f.Path.StartsWith("excluded/", StringComparison.Ordinal)).ToList();
        var key = ScanKey(data, excluded, setAside is not null);
        if (streamed is not null && setAside is not null && streamed._setAside == setAside
            && streamed._keptRows == data.Sum(f => f.Rows) && streamed._setAsideRows == excluded.Sum(f => f.Rows))
        {
            _last = new LastScan(key, streamed);
            return streamed.ToData(manifest, steps, diff, setAside);
        }
        if (_last is { } last && last.Key == key) return last.Scan.ToData(manifest, steps, diff, setAside);
        var scan = new ReleaseScan(setAside);
        await foreach (var row in ShardRows.ReadAsync(releaseDir, data.Select(f => f.Path), KeptColumns, ct)) scan.AddKept(row);
        await foreach (var row in ShardRows.ReadAsync(releaseDir, excluded.Select(f => f.Path), setAside is null ? ExcludedColumns : DuplicateColumns, ct)) scan.AddSetAside(row);
        _last = new LastScan(key, scan);
        return scan.ToData(manifest, steps, diff, setAside);
    }

    /// <summary>
    /// The last scan of this process, by what it read. A build renders its report twice, into the release and again with
    /// timing into the work folder; the second reads the same shards (the same paths and SHA-256s, now in the published
    /// folder), so it takes the tallies of the first instead of reading them back again.
    /// </summary>
    private static LastScan? _last;

    private sealed record LastScan(string Key, ReleaseScan Scan);

    private static string ScanKey(IEnumerable<Corpus.Parquet.Writing.ShardFile> data, IEnumerable<Corpus.Parquet.Writing.ShardFile> excluded, bool fromSetAside) =>
        string.Join('\n', data.Concat(excluded).Select(f => $"{f.Path} {f.Bytes} {f.Sha256}")) + (fromSetAside ? "\nset-aside" : "\ntext");

    private void AddKept(ShardRow row)
    {
        var language = row.String("language") ?? "und";
        var (count, score, scored) = _languages.GetValueOrDefault(language);
        var confidence = row.Double("language_score");
        _languages[language] = (count + 1, score + (confidence ?? 0), scored + (confidence is null ? 0 : 1));
        var topic = row.String("topic") ?? "(none)";
        var t = _topics.GetValueOrDefault(topic);
        _topics[topic] = (t.Count + 1, t.Label ?? row.String("topic_label"));
        Add(_domains, row.String("domain") ?? "");
        if (row.Time("published") is { } published) Add(_months, published.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        else _undated++;
        _words[Bucket(ReleaseStatistics.LengthBuckets, row.Long("word_count") ?? 0)]++;
        if (row.Long("token_count") is { } tokens) _tokens[Bucket(ReportLayout.TokenBuckets, tokens)]++;
        else _untokenised++;
        var promos = row.Long("promos_removed") ?? 0;
        var p = _promos.GetValueOrDefault(language);
        _promos[language] = (p.Kept + 1, p.Documents + (promos > 0 ? 1 : 0), p.Promos + promos);
        if (row.String("dup_cluster") is { } cluster && cluster == row.String("id"))
        {
            var tally = Cluster(cluster);
            tally.KeptUrl = row.String("url");
            tally.Size = Math.Max(tally.Size, row.Long("dup_cluster_size") ?? 1);
        }
    }

    private void AddSetAside(ShardRow row)
    {
        var url = row.String("url") ?? "";
        switch (row.String("status"))
        {
            case "excluded" or "failed" when _setAside is not null:
                break;
            case "excluded":
                _exclusions.Add(row.String("rule") ?? "?", () => new Example(url, Mask(row.String("value")), Excerpt(row.String("text"))));
                break;
            case "failed":
                var error = row.String("error");
                _failures.Add(FailureReasons.Of(error), () => new Example(url, Mask(error), Excerpt(row.String("text"))));
                break;
            case "duplicate":
                _duplicates++;
                var tally = Cluster(row.String("dup_cluster") ?? row.String("duplicate_of") ?? "?");
                tally.Members++;
                if (tally.MemberUrls.Count < ReportLayout.MembersPerCluster) tally.MemberUrls.Add(url);
                break;
        }
    }

    private ReportData ToData(ReleaseManifest manifest, IReadOnlyList<StepStats>? steps, ReleaseDiff? diff, SetAsideExamples? setAside)
    {
        var domains = Descending(_domains).ToList();
        var topDomains = domains.Take(ReportLayout.TopDomains).ToList();
        if (domains.Count > topDomains.Count)
            topDomains.Add(new CountRow($"({domains.Count - topDomains.Count} other domains)", domains.Skip(topDomains.Count).Sum(d => d.Count)));
        var months = _months.Select(m => new CountRow(m.Key, m.Value)).ToList();
        if (_undated > 0) months.Add(new CountRow("(no date)", _undated));
        var tokens = ReportLayout.TokenBuckets.Select((b, i) => new CountRow(b.Label, _tokens[i])).ToList();
        if (_untokenised > 0) tokens.Add(new CountRow("(not counted)", _untokenised));
        var clusters = _clusters
            .Select(c => new DuplicateCluster(c.Key, c.Value.KeptUrl, Math.Max(c.Value.Size, c.Value.Members + 1), c.Value.MemberUrls))
            .OrderByDescending(c => c.Size).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        return new ReportData
        {
            Manifest = manifest,
            Funnel = Funnel.From(manifest.Build),
            Exclusions = setAside?.Exclusions ?? _exclusions.ToList(),
            Failures = setAside?.Failures ?? _failures.ToList(),
            Promos = _promos.Select(p => new PromoLanguage(p.Key, p.Value.Documents, p.Value.Kept, p.Value.Promos))
                .OrderByDescending(p => p.Promos).ThenBy(p => p.Language, StringComparer.Ordinal).ToList(),
            Duplicates = new DuplicateSummary(clusters.Count, _duplicates, clusters.Take(ReportLayout.Clusters).ToList()),
            Languages = _languages.Select(l => new LanguageRow(l.Key, l.Value.Count, l.Value.Scored > 0 ? l.Value.Score / l.Value.Scored : null))
                .OrderByDescending(l => l.Count).ThenBy(l => l.Language, StringComparer.Ordinal).ToList(),
            Topics = _topics.Select(t => new TopicRow(t.Key, t.Value.Label ?? manifest.Counts.TopicLabel?.GetValueOrDefault(t.Key), t.Value.Count))
                .OrderByDescending(t => t.Count).ThenBy(t => t.Code, StringComparer.Ordinal).ToList(),
            Domains = topDomains,
            Months = months,
            Words = ReleaseStatistics.LengthBuckets.Select((b, i) => new CountRow(b.Label, _words[i])).ToList(),
            Tokens = tokens,
            Steps = steps,
            Diff = diff,
        };
    }

    /// <summary>The first lines of a text, personal data masked before it is cut so no half address slips through.</summary>
    public static string Excerpt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(ReportLayout.ExcerptLines);
        var masked = Masker.Mask(string.Join('\n', lines)).Text;
        return masked.Length <= ReportLayout.ExcerptChars ? masked : masked[..ReportLayout.ExcerptChars].TrimEnd() + "…";
    }

    public static string? Mask(string? value) => value is null ? null : Masker.Mask(value).Text;

    private ClusterTally Cluster(string id)
    {
        if (!_clusters.TryGetValue(id, out var tally)) _clusters[id] = tally = new ClusterTally();
        return tally;
    }

    private static IEnumerable<CountRow> Descending(IDictionary<string, long> counts) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new CountRow(c.Key, c.Value));

    private static int Bucket(IReadOnlyList<(string Label, int Below)> buckets, long value)
    {
        var i = 0;
        while (i < buckets.Count - 1 && value >= buckets[i].Below) i++;
        return i;
    }

    private static void Add(SortedDictionary<string, long> tally, string key) => tally[key] = tally.GetValueOrDefault(key) + 1;

    private sealed class ClusterTally
    {
        public string? KeptUrl { get; set; }
        public long Size { get; set; } = 1;
        public long Members { get; set; }
        public List<string> MemberUrls { get; } = [];
    }
}
