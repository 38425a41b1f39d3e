using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Corpus.Core.Recipes;

/// <summary>
/// The recipe file as YAML, checked before it is mapped onto the settings: a syntax error says what the YAML parser
/// found and where (line and column), and a file whose top level is not a mapping of keys says so in words, without
/// the parser's internal state or .NET type names.
/// </summary>
public static class RecipeSyntax
{
    public static void Check(string text, string fileName) => Load(text, fileName);

    /// <summary>
    /// <see cref="Check"/>, returning the one document's root node (null for an empty file), so the loader binds and
    /// finds key lines on the tree it has checked instead of parsing the text again.
    /// </summary>
    public static YamlNode? Load(string text, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // The parser places a tab in the indentation at the start of the mapping; name the line that has it.
            if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndentedLine(text) is { } tabLine)
                throw new RecipeException($"{fileName} line {tabLine}: not valid YAML: a tab in the indentation (YAML indents with spaces only).", e);
            // The parser reports where it noticed the problem (End) and where the construct it was reading began (Start).
            var began = e.Start.Line != e.End.Line ? $" (it began on line {e.Start.Line}, column {e.Start.Column})" : "";
            throw new RecipeException($"{fileName} line {e.End.Line}, column {e.End.Column}: not valid YAML: {Found(e)}{began}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The parser can stop in a state it does not describe; point at the end of what it read.
            throw new RecipeException($"{fileName}: not valid YAML (the parser stopped without saying where; check the quoting and indentation).", e);
        }
        if (stream.Documents.Count > 1)
            throw new RecipeException($"{fileName} line {stream.Documents[1].RootNode.Start.Line}: holds more than one YAML document ('---'); a recipe is one.");
        if (stream.Documents.Count == 0) return null;
        var root = stream.Documents[0].RootNode;
        var what = root switch
        {
            YamlMappingNode => null,
            YamlSequenceNode => "a list",
            YamlScalarNode { Value: null or "" or "~" or "null" } => null,
            YamlScalarNode => "a single value",
            _ => "not a mapping",
        };
        if (what is not null)
            throw new RecipeException($"{fileName} line {root.Start.Line}: the top level is {what}, but a recipe is a mapping of keys (name:, version:, sources: …).");
        return root;
    }

    /// <summary>
    /// The sentence for a key left without a value (<c>version:</c>, <c>sources:</c>) where the recipe needs one: YAML
    /// reads it as null, which the settings cannot hold.
    /// </summary>
    public static string EmptyValue(string text, string fileName)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        string? Find(YamlNode node, string prefix)
        {
            if (node is YamlMappingNode mapping)
                foreach (var (key, value) in mapping.Children)
                {
                    var path = prefix.Length == 0 ? key.ToString() : $"{prefix}.{key}";
                    if (value is YamlScalarNode { Value: null or "" or "~" or "null" } && value.Tag.IsEmpty)
                        return $"{fileName} line {key.Start.Line}: '{path}' has no value; give it one or remove the key.";
                    if (Find(value, path) is { } found) return found;
                }
            if (node is YamlSequenceNode sequence)
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: null or "" or "~" or "null" })
                        return $"{fileName} line {item.Start.Line}: '{prefix}' holds an empty item; remove it.";
                    if (Find(item, prefix) is { } found) return found;
                }
            return null;
        }
        return (stream.Documents.Count > 0 ? Find(stream.Documents[0].RootNode, "") : null)
            ?? $"{fileName}: a key has no value where the recipe needs one; give it a value or remove it.";
    }

    private static int? FirstTabIndentedLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t')) return i + 1;
        }
        return null;
    }

    /// <summary>The parser's own description of what it found, without its exception boilerplate.</summary>
    private static string Found(YamlException e)
    {
        var message = e.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 40) - (Line: …): "; the position is already in our sentence.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0) message = message[(cut + 3)..];
        return message.TrimEnd('.') + ".";
    }
}
