using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Corpus.Core.Recipes;

/// <summary>
/// Binds a recipe's YAML tree onto a <see cref="Recipe"/> through the key table (<see cref="RecipeKeys"/>, whose values
/// are read and written in typed code), so a well-formed recipe does not build YamlDotNet's reflection deserializer
/// (emitted IL, type converters) in every process. It takes only the plain shapes whose value it is sure of: a known
/// key, a scalar written as a whole number, a decimal number, <c>true</c> / <c>false</c> or text, a list of texts, a
/// mapping of texts, the served sites. Anything else (an unknown key, another number form, a tag, an anchor, a null)
/// gives <c>null</c>, and the loader asks the deserializer, whose values and messages are the recipe's contract.
/// </summary>
public static class RecipeBinding
{
    // Sections by dotted name: crawl, quality, quality.gopher_quality, …
    private static readonly HashSet<string> Sections = [.. RecipeKeys.All.SelectMany(k => Prefixes(k.Name))];

    public static Recipe? TryBind(YamlNode root)
    {
        var recipe = new Recipe();
        return root is YamlMappingNode mapping && Plain(root) && Section(mapping, recipe, "") ? recipe : null;
    }

    private static bool Section(YamlMappingNode mapping, Recipe recipe, string prefix)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is not YamlScalarNode { Style: ScalarStyle.Plain, Value: { Length: > 0 } name } || !Plain(k) || !Plain(v)) return false;
            var path = prefix + name;
            if (RecipeKeys.Find(path) is { } key)
            {
                if (Value(key.Property.PropertyType, v) is not { } value) return false;
                key.SetIn(recipe, value);
            }
            else if (Sections.Contains(path) && v is YamlMappingNode inner)
            {
                if (!Section(inner, recipe, path + ".")) return false;
            }
            else
                return false;
        }
        return true;
    }

    /// <summary>The value of a key of type <paramref name="type"/>, or null when the node is not in a shape bound here.</summary>
    private static object? Value(Type type, YamlNode node)
    {
        if (type == typeof(List<string>))
        {
            if (node is not YamlSequenceNode sequence) return null;
            var list = new List<string>(sequence.Children.Count);
            foreach (var item in sequence.Children)
                if (Plain(item) && Text(item) is { } text) list.Add(text);
                else return null;
            return list;
        }
        if (type == typeof(Dictionary<string, string>))
        {
            if (node is not YamlMappingNode mapping) return null;
            var map = new Dictionary<string, string>();
            foreach (var (k, v) in mapping.Children)
                if (Plain(k) && Plain(v) && Text(k) is { } key && Text(v) is { } value && map.TryAdd(key, value)) { }
                else return null;
            return map;
        }
        if (type == typeof(List<ServedSite>)) return ServedSites(node);
        if (node is not YamlScalarNode scalar) return null;
        if (type == typeof(string)) return Text(scalar);
        if (scalar.Style != ScalarStyle.Plain || scalar.Value is not { } raw) return null;
        if (type == typeof(bool)) return raw switch { "true" => true, "false" => false, _ => null };
        if (type == typeof(int)) return WholeNumber(raw) && int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;
        if (type == typeof(double))
        {
            var dot = raw.IndexOf('.');
            var whole = dot < 0 ? raw : raw[..dot];
            var fraction = dot < 0 ? "1" : raw[(dot + 1)..];
            return WholeNumber(whole) && fraction.Length is > 0 and <= 15 && fraction.All(char.IsAsciiDigit)
                && double.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
        }
        return null;
    }

    // Decimal digits without a leading zero (YAML reads 010 as octal), at most nine, optionally negative: the form
    // whose value is the same however it is read.
    private static bool WholeNumber(string s)
    {
        var digits = s.StartsWith('-') ? s[1..] : s;
        return digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit) && (digits[0] != '0' || digits == "0" && s == "0");
    }

    // A text value as written; a plain empty, ~ or null is YAML's null, which is the deserializer's to turn down.
    private static string? Text(YamlNode node) => node is YamlScalarNode { Value: { } value } scalar
        && !(scalar.Style == ScalarStyle.Plain && (value.Length == 0 || value == "~" || value.Equals("null", StringComparison.OrdinalIgnoreCase)))
        ? value : null;

    private static List<ServedSite>? ServedSites(YamlNode node)
    {
        if (node is not YamlSequenceNode sequence) return null;
        var sites = new List<ServedSite>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping || !Plain(item)) return null;
            var site = new ServedSite();
            foreach (var (k, v) in mapping.Children)
            {
                if (!Plain(k) || !Plain(v) || k is not YamlScalarNode { Style: ScalarStyle.Plain } || Text(v) is not { } value) return null;
                switch (((YamlScalarNode)k).Value)
                {
                    case "dir": site.Dir = value; break;
                    case "host": site.Host = value; break;
                    default: return null;
                }
            }
            sites.Add(site);
        }
        return sites;
    }

    // No tag (!!str, !!int) and no anchor: those change what a value means or where it is shared.
    private static bool Plain(YamlNode node) => node.Tag.IsEmpty && node.Anchor.IsEmpty;

    private static IEnumerable<string> Prefixes(string name)
    {
        for (var dot = name.IndexOf('.'); dot > 0; dot = name.IndexOf('.', dot + 1)) yield return name[..dot];
    }
}
