namespace Corpus.Reporting;

/// <summary>Counts per group name with the first <see cref="ReportLayout.ExamplesPerGroup"/> examples (rows come in id order).</summary>
internal sealed class OutcomeGroups
{
    private readonly SortedDictionary<string, (long Count, List<Example> Examples)> _groups = new(StringComparer.Ordinal);

    public void Add(string name, Func<Example> example)
    {
        if (!_groups.TryGetValue(name, out var group)) group = (0, []);
        if (group.Examples.Count < ReportLayout.ExamplesPerGroup) group.Examples.Add(example());
        _groups[name] = (group.Count + 1, group.Examples);
    }

    public List<OutcomeGroup> ToList() => _groups
        .Select(g => new OutcomeGroup(g.Key, g.Value.Count, g.Value.Examples))
        .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
}
