namespace Corpus.Core.Recipes;

/// <summary>
/// The build step a recipe section (or one of its keys) configures, as the step table and the stats name it. A key
/// takes its section's step unless it carries its own.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class StepAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Where a default comes from (a paper, a reference implementation), shown beside the key in the README.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SourceAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
