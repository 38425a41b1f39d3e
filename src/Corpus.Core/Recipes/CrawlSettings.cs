namespace Corpus.Core.Recipes;

public sealed class CrawlSettings
{
    /// <summary>Hosts the crawler may fetch from; empty means the hosts of the sources.</summary>
    public List<string> AllowedHosts { get; set; } = [];
    public string UserAgent { get; set; } = "CorpusBot/0.1";
    public string ContactUrl { get; set; } = "";
    public int MaxPages { get; set; } = 10_000;
    public int Concurrency { get; set; } = 4;
    public double TimeoutSeconds { get; set; } = 30;
    /// <summary>Allow fetching loopback and private addresses (off by default; the offline sample needs it).</summary>
    public bool AllowPrivateNetworks { get; set; }
}
