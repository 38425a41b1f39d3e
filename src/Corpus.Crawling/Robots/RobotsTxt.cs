using System.Globalization;
using System.Text;

namespace Corpus.Crawling.Robots;

/// <summary>
/// A parsed robots.txt (RFC 9309): the group for our user agent (the most specific product-token match, else
/// <c>*</c>), longest-match allow/disallow with <c>*</c> and <c>$</c> (allow wins a tie), <c>Crawl-delay</c>, and
/// the file's <c>Sitemap:</c> lines.
/// </summary>
public sealed class RobotsTxt
{
    private readonly List<(bool Allow, string Pattern)> _rules;

    private RobotsTxt(List<(bool, string)> rules, TimeSpan? crawlDelay, IReadOnlyList<string> sitemaps)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
        Sitemaps = sitemaps;
    }

    public static RobotsTxt AllowAll { get; } = new([], null, []);
    public static RobotsTxt DisallowAll { get; } = new([(false, "/")], null, []);

    public TimeSpan? CrawlDelay { get; }
    public IReadOnlyList<string> Sitemaps { get; }

    /// <summary>Parses the file for <paramref name="userAgent"/> (its product token, e.g. <c>CorpusBot</c>, is matched case-insensitively).</summary>
    public static RobotsTxt Parse(string text, string userAgent)
    {
        var token = userAgent.Split('/', ' ')[0].Trim().ToLowerInvariant();
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules, TimeSpan? Delay)>();
        var sitemaps = new List<string>();
        (List<string> Agents, List<(bool, string)> Rules, TimeSpan? Delay)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (!lastWasAgent || current is null)
                    {
                        current = ([], [], null);
                        groups.Add(current.Value);
                    }
                    current.Value.Agents.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when current is not null:
                    // An empty Disallow allows everything: it adds no rule.
                    if (value.Length > 0) current.Value.Rules.Add((key == "allow", value));
                    break;
                case "crawl-delay" when current is not null:
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        var index = groups.FindIndex(g => ReferenceEquals(g.Agents, current.Value.Agents));
                        current = (current.Value.Agents, current.Value.Rules, TimeSpan.FromSeconds(seconds));
                        groups[index] = current.Value;
                    }
                    break;
                case "sitemap":
                    if (value.Length > 0) sitemaps.Add(value);
                    break;
            }
            lastWasAgent = false;
        }
        // RFC 9309 §2.2.1: every group naming our token applies (merged); else the '*' groups.
        var mine = groups.Where(g => g.Agents.Any(a => a != "*" && a == token)).ToList();
        if (mine.Count == 0) mine = groups.Where(g => g.Agents.Contains("*")).ToList();
        var rules = mine.SelectMany(g => g.Rules).ToList();
        var delay = mine.Select(g => g.Delay).FirstOrDefault(d => d is not null);
        return new RobotsTxt(rules, delay, sitemaps);
    }

    /// <summary>Whether the path-and-query of a URL may be fetched; <c>/robots.txt</c> itself always may.</summary>
    public bool Allows(string pathAndQuery)
    {
        if (pathAndQuery == "/robots.txt") return true;
        var path = NormalizeForMatch(pathAndQuery);
        var best = -1;
        var allow = true;
        foreach (var (isAllow, pattern) in _rules)
        {
            if (!Matches(NormalizeForMatch(pattern), path)) continue;
            var length = pattern.Length;
            if (length > best || (length == best && isAllow))
            {
                best = length;
                allow = isAllow;
            }
        }
        return allow;
    }

    /// <summary>The rule that decides a path, for messages: e.g. <c>Disallow: /cari/</c>.</summary>
    public string? Deciding(string pathAndQuery)
    {
        var path = NormalizeForMatch(pathAndQuery);
        return _rules.Where(r => Matches(NormalizeForMatch(r.Pattern), path))
            .OrderByDescending(r => r.Pattern.Length).ThenByDescending(r => r.Allow)
            .Select(r => $"{(r.Allow ? "Allow" : "Disallow")}: {r.Pattern}").FirstOrDefault();
    }

    // Compare paths with the same percent-encoding (RFC 9309 §2.2.2): upper-case escapes, unreserved decoded.
    private static string NormalizeForMatch(string s) => Corpus.Core.Documents.UrlNormalizer.NormalizeEscapes(EncodeNonAscii(s));

    private static string EncodeNonAscii(string s)
    {
        if (s.All(c => c < 128)) return s;
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (c < 128) sb.Append(c);
            else foreach (var b in Encoding.UTF8.GetBytes(c.ToString())) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Pattern match with <c>*</c> (any run) and a trailing <c>$</c> (end of path); otherwise a prefix match.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored) pattern = pattern[..^1];
        return Match(pattern, 0, path, 0, anchored);
    }

    private static bool Match(string p, int pi, string s, int si, bool anchored)
    {
        while (pi < p.Length)
        {
            if (p[pi] == '*')
            {
                while (pi < p.Length && p[pi] == '*') pi++;
                if (pi == p.Length) return true;
                for (var k = si; k <= s.Length; k++)
                    if (Match(p, pi, s, k, anchored)) return true;
                return false;
            }
            if (si >= s.Length || p[pi] != s[si]) return false;
            pi++;
            si++;
        }
        return !anchored || si == s.Length;
    }
}
