namespace Corpus.Annotation.Topics;

/// <summary>One IPTC Media Topic of the top level: <c>medtop:15000000</c> "sport", with the short key the data files use.</summary>
public sealed record IptcTopic(string Id, string Key, string Label);

/// <summary>The 17 top-level IPTC Media Topics (<c>Data/iptc-media-topics.tsv</c>).</summary>
public static class IptcTopics
{
    private const string File = "iptc-media-topics.tsv";

    public static IReadOnlyList<IptcTopic> All { get; } = Load();

    private static readonly Dictionary<string, IptcTopic> ByKeyOrId =
        All.SelectMany(t => new[] { (t.Key, t), (t.Id, t) }).ToDictionary(p => p.Item1, p => p.t, StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a topic by its short key (<c>sport</c>) or its id (<c>medtop:15000000</c>).</summary>
    public static IptcTopic? Find(string keyOrId) => ByKeyOrId.GetValueOrDefault(keyOrId.Trim());

    public static IptcTopic Get(string keyOrId) =>
        Find(keyOrId) ?? throw new Corpus.Core.CorpusUserException($"'{keyOrId}' is not a top-level IPTC Media Topic (use medtop:NN000000 or a key such as 'sport').");

    private static List<IptcTopic> Load()
    {
        var topics = new List<IptcTopic>();
        foreach (var (line, raw) in AnnotationData.ReadTsv(File))
        {
            var f = AnnotationData.Need(File, line, raw, 3);
            topics.Add(new IptcTopic(f[0], f[1], f[2]));
        }
        return topics;
    }
}
