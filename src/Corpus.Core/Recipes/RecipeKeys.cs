using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.Serialization;

namespace Corpus.Core.Recipes;

/// <summary>
/// One recipe key: its dotted name (<c>dedup.bands</c>), the step it configures, its default, the values it allows and
/// where the default comes from. Every part is read from the options record that declares the key, so each is written
/// once: the name is the property's, the default its initialiser, the range its <see cref="RangeAttribute"/> or
/// <see cref="AllowedValuesAttribute"/>, the source its <see cref="SourceAttribute"/>.
/// </summary>
public sealed record RecipeKey(string Name, string Step, PropertyInfo Property, IReadOnlyList<PropertyInfo> Path, object? Default, string? Source)
{
    // Read once: every check of a value asks for them.
    private readonly RangeAttribute? _range = Property.GetCustomAttribute<RangeAttribute>();
    private readonly AllowedValuesAttribute? _values = Property.GetCustomAttribute<AllowedValuesAttribute>();
    private RangeAttribute? Range => _range;
    private AllowedValuesAttribute? Values => _values;

    /// <summary>The path of the key's properties (<c>Crawl.MaxPages</c>), by which <see cref="RecipeValues"/> reads and writes it.</summary>
    private readonly string _propertyPath = string.Join('.', Path.Select(p => p.Name));

    /// <summary>The section record that declares the key (<see cref="DedupSettings"/> for <c>dedup.bands</c>).</summary>
    public Type Section => Property.DeclaringType!;

    /// <summary>This key's value in <paramref name="recipe"/>.</summary>
    public object? ValueIn(Recipe recipe) => RecipeValues.Get(recipe, _propertyPath);

    /// <summary>Sets this key's value in <paramref name="recipe"/> (a record section is replaced by a copy holding it).</summary>
    internal void SetIn(Recipe recipe, object? value) => RecipeValues.Set(recipe, _propertyPath, value);

    /// <summary>True when <paramref name="value"/> is in the key's range (keys without a range allow any value of their type).</summary>
    public bool Allows(object? value)
    {
        if (Values is { } values) return values.Values.Contains(value);
        if (Range is not { } range || value is null) return true;
        var v = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        if (double.IsNaN(v)) return false;
        return (range.MinimumIsExclusive ? v > min : v >= min) && (range.MaximumIsExclusive ? v < max : v <= max);
    }

    /// <summary>What the key allows, in words: "a whole number from 1 to 256", "a number above 0 and at most 1", "precision, balanced or recall".</summary>
    public string Allowed
    {
        get
        {
            if (Values is { } values) return Or(values.Values.Select(v => Format(v)));
            var type = Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
            var what = type == typeof(int) || type == typeof(long) ? "a whole number" : type == typeof(double) ? "a number" : null;
            if (type == typeof(bool)) return "true or false";
            if (what is null) return type == typeof(string) ? "text" : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? "a mapping" : "a list";
            if (Range is not { } r) return what;
            var min = Convert.ToDouble(r.Minimum, CultureInfo.InvariantCulture);
            var max = Convert.ToDouble(r.Maximum, CultureInfo.InvariantCulture);
            var low = r.MinimumIsExclusive ? $"above {Format(min)}" : $"at least {Format(min)}";
            var high = r.MaximumIsExclusive ? $"below {Format(max)}" : $"at most {Format(max)}";
            var open = max >= int.MaxValue;
            if (open) return $"{what} {low}";
            if (!r.MinimumIsExclusive && !r.MaximumIsExclusive) return $"{what} from {Format(min)} to {Format(max)}";
            return $"{what} {low} and {high}";
        }
    }

    /// <summary>The README's range cell: compact where the sentence form is long.</summary>
    public string RangeCell
    {
        get
        {
            if (Values is { } values) return string.Join(" \\| ", values.Values.Select(v => Format(v)));
            if (Range is not { } r) return "";
            var min = Convert.ToDouble(r.Minimum, CultureInfo.InvariantCulture);
            var max = Convert.ToDouble(r.Maximum, CultureInfo.InvariantCulture);
            var open = max >= int.MaxValue;
            return (r.MinimumIsExclusive ? "(" : "[") + Format(min) + ", " + (open ? "∞)" : Format(max) + (r.MaximumIsExclusive ? ")" : "]"));
        }
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        string s => s,
        System.Collections.IDictionary { Count: 0 } => "{}",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Or(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }
}

/// <summary>
/// Every key a recipe may hold, read once from the options records (<see cref="Recipe"/> and the section records it
/// holds), with the one check of each value against its range: the recipe loader and the CLI flags that set the same
/// settings (<c>corpus dedup --tasks</c>) both go through <see cref="Check(Recipe, string, IReadOnlyDictionary{string, long}?)"/>.
/// </summary>
public static class RecipeKeys
{
    public static IReadOnlyList<RecipeKey> All { get; } = Read();

    private static readonly Dictionary<string, RecipeKey> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>The key a section record's property is bound to: <c>For&lt;DedupSettings&gt;(nameof(DedupSettings.Tasks))</c> is <c>dedup.tasks</c>.</summary>
    public static RecipeKey For<TSection>(string property) =>
        All.FirstOrDefault(k => k.Section == typeof(TSection) && k.Property.Name == property)
        ?? throw new ArgumentException($"{typeof(TSection).Name}.{property} is not a recipe key.", nameof(property));

    public static RecipeKey? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The recipe key whose value is written on <paramref name="line"/>, if any (for parser errors, which give a line).</summary>
    public static RecipeKey? OnLine(IReadOnlyDictionary<string, long> lines, long line) =>
        lines.Where(kv => kv.Value == line).Select(kv => Find(kv.Key)).FirstOrDefault(k => k is not null);

    /// <summary>
    /// Checks every key of <paramref name="recipe"/> against its range. The sentence names the key, where it was set
    /// (<paramref name="where"/>: the file, with the key's line when <paramref name="lines"/> has it) and what is allowed.
    /// </summary>
    public static void Check(Recipe recipe, string where, IReadOnlyDictionary<string, long>? lines = null)
    {
        foreach (var key in All)
        {
            var value = key.ValueIn(recipe);
            if (!key.Allows(value)) throw OutOfRange(key, value, lines is not null && lines.TryGetValue(key.Name, out var line) ? $"{where} line {line}" : where);
        }
    }

    /// <summary>A value given on the command line (<paramref name="flag"/>) for <paramref name="key"/>, checked as the recipe's would be.</summary>
    public static T CheckFlag<T>(RecipeKey key, string flag, T value)
    {
        if (!key.Allows(value))
            throw new CorpusUserException($"{flag} is {RecipeKey.Format(value)}, but '{key.Name}' allows {key.Allowed}.");
        return value;
    }

    public static RecipeException OutOfRange(RecipeKey key, object? value, string where) =>
        new($"{where}: '{key.Name}' is {RecipeKey.Format(value)}, but it allows {key.Allowed}.");

    /// <summary>The README's table of keys (name, default, allowed values, step, source), one row per key.</summary>
    public static string MarkdownTable()
    {
        var sb = new StringBuilder();
        sb.Append("| key | default | allowed | step | source of the default |\n|---|---|---|---|---|\n");
        foreach (var k in All)
            sb.Append(CultureInfo.InvariantCulture, $"| `{k.Name}` | {Cell(RecipeKey.Format(k.Default))} | {Cell(k.RangeCell.Length > 0 ? k.RangeCell : k.Allowed)} | {k.Step} | {Cell(k.Source ?? "")} |\n");
        return sb.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\\\\|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static List<RecipeKey> Read()
    {
        var keys = new List<RecipeKey>();
        void Walk(Type type, object defaults, string prefix, string step, List<PropertyInfo> path)
        {
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!p.CanWrite || p.GetCustomAttribute<YamlIgnoreAttribute>() is not null) continue;
                var name = prefix + SnakeCase(p.Name);
                var value = p.GetValue(defaults);
                var own = p.GetCustomAttribute<StepAttribute>()?.Name;
                var sectionStep = p.PropertyType.GetCustomAttribute<StepAttribute>()?.Name;
                if (IsSection(p.PropertyType))
                    Walk(p.PropertyType, value!, name + ".", own ?? sectionStep ?? step, [.. path, p]);
                else
                    keys.Add(new RecipeKey(name, own ?? step, p, [.. path, p], value, p.GetCustomAttribute<SourceAttribute>()?.Text));
            }
        }
        Walk(typeof(Recipe), new Recipe(), "", typeof(Recipe).GetCustomAttribute<StepAttribute>()!.Name, []);
        return keys;
    }

    /// <summary>
    /// A property's name as the recipe writes it (<c>MaxTop2gramShare</c> is <c>max_top2gram_share</c>): YamlDotNet's
    /// underscored naming convention, which the deserializer binds by, without its regular expression.
    /// </summary>
    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0) sb.Append(char.ToLowerInvariant(c));
            else if (c is >= 'A' and <= 'Z') sb.Append('_').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    // A section is a settings record of this namespace (not a list of them, such as sources.serve).
    private static bool IsSection(Type t) => t.IsClass && t != typeof(string) && t.Namespace == typeof(Recipe).Namespace;
}
