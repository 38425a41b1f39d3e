using Microsoft.Data.Sqlite;

namespace Corpus.Crawling.Frontier;

/// <summary>
/// Every URL of a crawl and its state, in SQLite (<c>frontier.sqlite</c> in the crawl folder). Write-ahead logging
/// with <c>synchronous=NORMAL</c> keeps each commit across a <c>kill -9</c> (only a power cut can lose the last
/// ones). A URL's completion and the committed length of the WARC file holding its records go in one transaction,
/// so on restart "done" means "archived" and everything after the committed length is cut away.
/// In a partitioned crawl, URLs on hosts another task owns are kept in a <c>handover</c> table, written in the
/// same transaction as the completion that revealed them, until they are exported for their owner.
/// </summary>
public sealed class CrawlFrontier : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();
    private long _sequence;
    private long _pages;
    // Commands run once or more per page, prepared once and re-bound (under _lock): no SQL parsing per page.
    private SqliteCommand? _markInFlight, _complete, _insertUrl, _insertHandover, _commitWarc;

    /// <summary>Most page URLs the frontier will hold (crawl.max_pages); further ones are not added.</summary>
    public long PageLimit { get; init; } = long.MaxValue;

    public CrawlFrontier(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS urls (
              url TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, depth INTEGER NOT NULL,
              priority INTEGER NOT NULL, seq INTEGER NOT NULL, discovered_from TEXT, hint TEXT,
              attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, final_url TEXT, canonical TEXT,
              etag TEXT, last_modified TEXT, warc_file TEXT, warc_offset INTEGER);
            CREATE INDEX IF NOT EXISTS urls_state ON urls(state, priority DESC, seq);
            CREATE TABLE IF NOT EXISTS warc_files (name TEXT PRIMARY KEY, committed INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS handover (
              url TEXT PRIMARY KEY, kind TEXT NOT NULL, depth INTEGER NOT NULL, priority INTEGER NOT NULL,
              discovered_from TEXT, hint TEXT, batch INTEGER);
            """);
        _sequence = Scalar("SELECT coalesce(max(seq), 0) FROM urls");
        _pages = Scalar("SELECT count(*) FROM urls WHERE kind = 'page'");
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L);
    }

    /// <summary>Puts URLs a killed crawl left in flight back in the queue; returns how many.</summary>
    public int RequeueInFlight()
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "UPDATE urls SET state = 'queued' WHERE state = 'in_flight'";
            return cmd.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Called when a crawl starts on this frontier, before anything is added: the URLs an earlier run left unfinished
    /// (queued, or fetched but not yet committed when it was stopped or killed; an <c>in_flight</c> row of an older
    /// frontier too) are all queued again. Returns how many there were: 0 for a new crawl or after a finished one.
    /// </summary>
    public int ResumeUnfinished()
    {
        RequeueInFlight();
        lock (_lock) return (int)Scalar("SELECT count(*) FROM urls WHERE state = 'queued'");
    }

    /// <summary>Queues finished pages again for a re-crawl; their ETag and Last-Modified make the requests conditional.</summary>
    public int RequeueForRecrawl()
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "UPDATE urls SET state = 'queued', attempts = 0 WHERE state IN ('done', 'failed') AND kind <> 'redirect-target'";
            return cmd.ExecuteNonQuery();
        }
    }

    public long CountPages()
    {
        lock (_lock) return Scalar("SELECT count(*) FROM urls WHERE kind = 'page'");
    }

    /// <summary>Adds URLs not seen before (first spelling wins); returns the ones added.</summary>
    public IReadOnlyList<FrontierEntry> Add(IEnumerable<NewUrl> urls)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            var added = Insert(urls, tx);
            tx.Commit();
            return added;
        }
    }

    private List<FrontierEntry> Insert(IEnumerable<NewUrl> urls, SqliteTransaction tx, string state = UrlState.Queued)
    {
        var added = new List<FrontierEntry>();
        if (_insertUrl is null)
        {
            _insertUrl = _db.CreateCommand();
            _insertUrl.CommandText = """
                INSERT OR IGNORE INTO urls (url, kind, state, depth, priority, seq, discovered_from, hint)
                VALUES ($url, $kind, $state, $depth, $priority, $seq, $from, $hint)
                """;
            _ = new UrlColumns(_insertUrl);
            _insertUrl.Parameters.Add("$state", SqliteType.Text);
            _insertUrl.Parameters.Add("$seq", SqliteType.Integer);
        }
        var cmd = _insertUrl;
        cmd.Transaction = tx;
        var columns = new UrlColumns(cmd, bound: true);
        var pState = cmd.Parameters["$state"];
        var pSeq = cmd.Parameters["$seq"];
        foreach (var u in urls)
        {
            if (u.Kind == UrlKind.Page && _pages >= PageLimit) continue;
            columns.Set(u);
            pState.Value = state;
            pSeq.Value = _sequence + 1;
            if (cmd.ExecuteNonQuery() == 1)
            {
                _sequence++;
                if (u.Kind == UrlKind.Page) _pages++;
                added.Add(new FrontierEntry
                {
                    Url = u.Url, Kind = u.Kind, State = state, Depth = u.Depth, Priority = u.Priority, Sequence = _sequence,
                    DiscoveredFrom = u.DiscoveredFrom, Hint = u.Hint,
                });
            }
        }
        return added;
    }

    /// <summary>Keeps URLs for the crawl task that owns their host (first spelling wins); they are never queued here.</summary>
    public void HandOver(IEnumerable<NewUrl> urls)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            InsertHandover(urls, tx);
            tx.Commit();
        }
    }

    private void InsertHandover(IEnumerable<NewUrl> urls, SqliteTransaction tx)
    {
        if (_insertHandover is null)
        {
            _insertHandover = _db.CreateCommand();
            _insertHandover.CommandText = """
                INSERT OR IGNORE INTO handover (url, kind, depth, priority, discovered_from, hint)
                VALUES ($url, $kind, $depth, $priority, $from, $hint)
                """;
            _ = new UrlColumns(_insertHandover);
        }
        var cmd = _insertHandover;
        cmd.Transaction = tx;
        var columns = new UrlColumns(cmd, bound: true);
        foreach (var u in urls)
        {
            columns.Set(u);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The columns a <see cref="NewUrl"/> fills in an INSERT into <c>urls</c> or <c>handover</c>: added to the command
    /// once, then (<paramref name="bound"/>) looked up and set per URL.
    /// </summary>
    private sealed class UrlColumns(SqliteCommand cmd, bool bound = false)
    {
        private readonly SqliteParameter _url = Param(cmd, bound, "$url", SqliteType.Text);
        private readonly SqliteParameter _kind = Param(cmd, bound, "$kind", SqliteType.Text);
        private readonly SqliteParameter _depth = Param(cmd, bound, "$depth", SqliteType.Integer);
        private readonly SqliteParameter _priority = Param(cmd, bound, "$priority", SqliteType.Integer);
        private readonly SqliteParameter _from = Param(cmd, bound, "$from", SqliteType.Text);
        private readonly SqliteParameter _hint = Param(cmd, bound, "$hint", SqliteType.Text);

        private static SqliteParameter Param(SqliteCommand cmd, bool bound, string name, SqliteType type) =>
            bound ? cmd.Parameters[name] : cmd.Parameters.Add(name, type);

        public void Set(NewUrl u)
        {
            _url.Value = u.Url;
            _kind.Value = u.Kind;
            _depth.Value = u.Depth;
            _priority.Value = u.Priority;
            _from.Value = (object?)u.DiscoveredFrom ?? DBNull.Value;
            _hint.Value = (object?)u.Hint ?? DBNull.Value;
        }
    }

    /// <summary>
    /// Gives the handed-over URLs not yet in a batch the number <paramref name="batch"/> and returns every URL of that
    /// batch, by URL. Asking again for the same batch returns the same URLs (plus any handed over since), so an
    /// export that was interrupted can simply be done again.
    /// </summary>
    public IReadOnlyList<NewUrl> SealHandover(int batch)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            using (var seal = _db.CreateCommand())
            {
                seal.Transaction = tx;
                seal.CommandText = "UPDATE handover SET batch = $b WHERE batch IS NULL";
                seal.Parameters.AddWithValue("$b", batch);
                seal.ExecuteNonQuery();
            }
            var list = new List<NewUrl>();
            using (var cmd = _db.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "SELECT url, kind, depth, priority, discovered_from, hint FROM handover WHERE batch = $b ORDER BY url";
                cmd.Parameters.AddWithValue("$b", batch);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                    list.Add(new NewUrl(r.GetString(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(3),
                        r.IsDBNull(5) ? null : r.GetString(5)));
            }
            tx.Commit();
            return list;
        }
    }

    /// <summary>How many of <paramref name="urls"/> this frontier has never held (queued, fetched or failed).</summary>
    public long CountUnknown(IEnumerable<string> urls)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM urls WHERE url = $url";
            var pUrl = cmd.Parameters.Add("$url", SqliteType.Text);
            long unknown = 0;
            foreach (var url in urls)
            {
                pUrl.Value = url;
                if (Convert.ToInt64(cmd.ExecuteScalar()) == 0) unknown++;
            }
            return unknown;
        }
    }

    public void MarkInFlight(string url)
    {
        lock (_lock)
        {
            if (_markInFlight is null)
            {
                _markInFlight = _db.CreateCommand();
                _markInFlight.CommandText = "UPDATE urls SET state = 'in_flight' WHERE url = $url";
                _markInFlight.Parameters.Add("$url", SqliteType.Text);
            }
            _markInFlight.Parameters[0].Value = url;
            _markInFlight.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Records how URLs ended, the redirect targets they reached, the URLs they revealed, and how far the WARC file
    /// is complete: all or nothing. Returns the revealed URLs that were new. <paramref name="handOver"/> are revealed
    /// URLs on hosts another crawl task owns: kept for it in the same transaction, never queued here.
    /// </summary>
    public IReadOnlyList<FrontierEntry> Complete(IReadOnlyList<Completion> completions, IEnumerable<NewUrl> discovered,
        (string File, long Length)? warc, IEnumerable<NewUrl>? reachedByRedirect = null, IEnumerable<NewUrl>? handOver = null) =>
        Complete([new CompletedVisit(completions, discovered, reachedByRedirect, handOver)], warc);

    /// <summary>
    /// Several visits' outcomes (each recorded as the one-visit overload would, in order) and the WARC length that holds all their records, in one transaction: a group commit.
    /// </summary>
    public IReadOnlyList<FrontierEntry> Complete(IReadOnlyList<CompletedVisit> visits, (string File, long Length)? warc)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            if (_complete is null)
            {
                _complete = _db.CreateCommand();
                _complete.CommandText = """
                    UPDATE urls SET state = $state, attempts = attempts + $attempts, last_error = $error, final_url = $final,
                      canonical = coalesce($canonical, canonical), etag = coalesce($etag, etag), last_modified = coalesce($lm, last_modified),
                      warc_file = coalesce($file, warc_file), warc_offset = coalesce($offset, warc_offset), kind = coalesce($kind, kind)
                    WHERE url = $url
                    """;
                foreach (var name in (string[])["$url", "$state", "$attempts", "$error", "$final", "$canonical", "$etag", "$lm", "$file", "$offset", "$kind"])
                    _complete.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            _complete.Transaction = tx;
            var p = _complete.Parameters;
            var added = new List<FrontierEntry>();
            foreach (var visit in visits)
            {
                foreach (var c in visit.Completions)
                {
                    p[0].Value = c.Url;
                    p[1].Value = c.State;
                    p[2].Value = c.Attempts;
                    p[3].Value = (object?)c.Error ?? DBNull.Value;
                    p[4].Value = (object?)c.FinalUrl ?? DBNull.Value;
                    p[5].Value = (object?)c.Canonical ?? DBNull.Value;
                    p[6].Value = (object?)c.ETag ?? DBNull.Value;
                    p[7].Value = (object?)c.LastModified ?? DBNull.Value;
                    p[8].Value = (object?)c.WarcFile ?? DBNull.Value;
                    p[9].Value = (object?)c.WarcOffset ?? DBNull.Value;
                    p[10].Value = (object?)c.Kind ?? DBNull.Value;
                    _complete.ExecuteNonQuery();
                }
                if (visit.ReachedByRedirect is not null) Insert(visit.ReachedByRedirect, tx, UrlState.Done);
                added.AddRange(Insert(visit.Discovered, tx));
                if (visit.HandOver is not null) InsertHandover(visit.HandOver, tx);
            }
            if (warc is { } w)
            {
                if (_commitWarc is null)
                {
                    _commitWarc = _db.CreateCommand();
                    _commitWarc.CommandText = "INSERT INTO warc_files (name, committed) VALUES ($n, $l) ON CONFLICT(name) DO UPDATE SET committed = $l";
                    _commitWarc.Parameters.Add("$n", SqliteType.Text);
                    _commitWarc.Parameters.Add("$l", SqliteType.Integer);
                }
                _commitWarc.Transaction = tx;
                _commitWarc.Parameters[0].Value = w.File;
                _commitWarc.Parameters[1].Value = w.Length;
                _commitWarc.ExecuteNonQuery();
            }
            tx.Commit();
            return added;
        }
    }

    public long? CommittedLength(string warcFile)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT committed FROM warc_files WHERE name = $n";
            cmd.Parameters.AddWithValue("$n", warcFile);
            return cmd.ExecuteScalar() is long l ? l : null;
        }
    }

    /// <summary>How many URLs are done and failed, how many pages are done, and the errors of the failed ones: a crawl's summary, counted by SQLite.</summary>
    public (int Done, int Failed, int PagesDone, IReadOnlyList<string?> FailureErrors) Summary()
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                SELECT count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed'),
                       count(*) FILTER (WHERE state = 'done' AND kind = 'page') FROM urls
                """;
            int done, failed, pages;
            using (var r = cmd.ExecuteReader())
            {
                r.Read();
                (done, failed, pages) = (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));
            }
            cmd.CommandText = "SELECT last_error FROM urls WHERE state = 'failed' ORDER BY seq";
            var errors = new List<string?>(failed);
            using (var r = cmd.ExecuteReader())
                while (r.Read()) errors.Add(r.IsDBNull(0) ? null : r.GetString(0));
            return (done, failed, pages, errors);
        }
    }

    public IReadOnlyList<FrontierEntry> Queued() => Select("WHERE state = 'queued' ORDER BY priority DESC, seq");

    public IReadOnlyList<FrontierEntry> All() => Select("ORDER BY seq");

    private List<FrontierEntry> Select(string where)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = $"""
                SELECT url, kind, state, depth, priority, seq, discovered_from, hint, attempts, last_error, final_url, canonical,
                       etag, last_modified, warc_file, warc_offset FROM urls {where}
                """;
            using var r = cmd.ExecuteReader();
            var list = new List<FrontierEntry>();
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            while (r.Read())
                list.Add(new FrontierEntry
                {
                    Url = r.GetString(0), Kind = r.GetString(1), State = r.GetString(2), Depth = r.GetInt32(3),
                    Priority = r.GetInt32(4), Sequence = r.GetInt64(5), DiscoveredFrom = S(6), Hint = S(7), Attempts = r.GetInt32(8),
                    LastError = S(9), FinalUrl = S(10), Canonical = S(11), ETag = S(12), LastModified = S(13), WarcFile = S(14),
                    WarcOffset = r.IsDBNull(15) ? null : r.GetInt64(15),
                });
            return list;
        }
    }

    public void Dispose()
    {
        foreach (var cmd in (SqliteCommand?[])[_markInFlight, _complete, _insertUrl, _insertHandover, _commitWarc]) cmd?.Dispose();
        _db.Dispose();
    }
}
