using Corpus.Annotation.Topics;
using Corpus.Core.Jsonl;
using Corpus.Parquet.Reading;
using Corpus.Parquet.Release;
using Parquet;

namespace Corpus.Cli.Commands;

/// <summary>
/// Distant topic labels for <c>corpus topics train --from</c>: the pages of a release folder (its <c>data/</c> shards)
/// or of a JSON Lines file (<c>text</c>, <c>url</c>, optional <c>title</c>, <c>section</c>) whose section or URL path the
/// section table (<c>Data/topic-sections.tsv</c>) maps to a topic, each labelled with that topic.
/// </summary>
public static class SectionLabelledPages
{
    public static async Task<List<LabelledText>> ReadAsync(string path, CancellationToken ct)
    {
        var sections = new TopicClassifier(TopicModel.KeywordPriorsOnly, SectionDictionary.Default);
        var labelled = new List<LabelledText>();
        void Add(string? text, string? title, string? section, string? url)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            if (sections.FromMetadata(section, url) is { } label) labelled.Add(new LabelledText(text, title, label.Topic) { Distant = true });
        }
        if (Directory.Exists(path))
        {
            var manifest = ReleaseVerifier.ReadManifest(path);
            foreach (var file in manifest.Files.Where(f => f.Path.StartsWith("data/", StringComparison.Ordinal)).Select(f => f.Path).Order(StringComparer.Ordinal))
            {
                await using var stream = File.OpenRead(Path.Combine(path, file));
                await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
                var fields = reader.Schema.GetDataFields();
                var text = fields.FirstOrDefault(f => f.Name == "text")
                    ?? throw new Corpus.Core.CorpusUserException($"{Path.Combine(path, file)} has no 'text' column, so it is not a release shard of articles.");
                var url = fields.FirstOrDefault(f => f.Name == "url");
                var title = fields.FirstOrDefault(f => f.Name == "title");
                var section = fields.FirstOrDefault(f => f.Name == "section");
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    using var rg = reader.OpenRowGroupReader(g);
                    var texts = await ColumnReader.ReadAsync(rg, text, ct);
                    var urls = url is null ? null : await ColumnReader.ReadAsync(rg, url, ct);
                    var titles = title is null ? null : await ColumnReader.ReadAsync(rg, title, ct);
                    var sectionValues = section is null ? null : await ColumnReader.ReadAsync(rg, section, ct);
                    for (var r = 0; r < texts.Length; r++)
                        Add((string?)texts[r], (string?)titles?[r], (string?)sectionValues?[r], (string?)urls?[r]);
                }
            }
            return labelled;
        }
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"{path} is neither a release folder nor a JSON Lines file.");
        foreach (var (line, obj) in JsonLines.Read(path))
            Add(JsonLines.RequireString(obj, "text", path, line), JsonLines.OptionalString(obj, "title", path, line),
                JsonLines.OptionalString(obj, "section", path, line), JsonLines.OptionalString(obj, "url", path, line));
        return labelled;
    }
}
