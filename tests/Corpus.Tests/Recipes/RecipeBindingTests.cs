using System.Globalization;
using Corpus.Core.Recipes;
using Corpus.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Corpus.Tests.Recipes;

/// <summary>
/// The recipe is bound through the key table (<see cref="RecipeBinding"/>) instead of YamlDotNet's reflection
/// deserializer; every key must come out as the deserializer makes it, and every shape the binding does not take must
/// be left to the deserializer, so its values and messages stay the recipe's.
/// </summary>
public sealed class RecipeBindingTests
{
    private const string Valid = MinimalRecipe.Text;

    private static readonly IDeserializer Oracle = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static TheoryData<string> AllKeys() => [.. RecipeKeys.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Every_key_is_bound_to_the_value_the_deserializer_gives(string name)
    {
        var key = RecipeKeys.Find(name)!;
        var (yaml, expected) = OtherThanDefault(key);
        // The minimal recipe's own line for the key (name, version, sources.sitemaps) gives way to the new value.
        var written = name.StartsWith("sources.", StringComparison.Ordinal) ? "  " + name["sources.".Length..] + ":" : name + ":";
        var rest = string.Join("\n", Valid.Split('\n').Where(l => !l.StartsWith(written, StringComparison.Ordinal)));
        var text = name.StartsWith("sources.", StringComparison.Ordinal)
            ? rest.Replace("sources:", "sources:\n" + yaml.TrimEnd('\n'), StringComparison.Ordinal) + "\n"
            : rest + "\n" + yaml;
        var bound = RecipeBinding.TryBind(RecipeSyntax.Load(text, "corpus.yaml")!);
        Assert.NotNull(bound);
        AssertSame(Oracle.Deserialize<Recipe>(text), bound);
        Assert.Equal(Shown(expected), Shown(key.ValueIn(bound)));
        Assert.NotEqual(Shown(key.Default), Shown(key.ValueIn(bound)));
    }

    [Fact]
    public void Every_key_reads_its_property_through_the_typed_values()
    {
        Assert.Equal(102, RecipeKeys.All.Count);
        var recipe = new Recipe();
        foreach (var key in RecipeKeys.All)
        {
            object? byReflection = recipe;
            foreach (var p in key.Path) byReflection = p.GetValue(byReflection);
            Assert.Equal(Shown(byReflection), Shown(key.ValueIn(recipe)));
        }
        var changed = RecipeLoader.Parse(File.ReadAllText(RepoPaths.SampleRecipe), "corpus.yaml");
        foreach (var key in RecipeKeys.All)
        {
            object? byReflection = changed;
            foreach (var p in key.Path) byReflection = p.GetValue(byReflection);
            Assert.Equal(Shown(byReflection), Shown(key.ValueIn(changed)));
        }
    }

    [Fact]
    public void Every_key_is_named_as_the_deserializer_binds_it()
    {
        foreach (var key in RecipeKeys.All)
            Assert.Equal(string.Join('.', key.Path.Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name))), key.Name);
    }

    [Fact]
    public void The_shipped_recipes_and_the_start_up_recipe_bind_as_the_deserializer_reads_them()
    {
        var texts = Directory.GetFiles(Path.Combine(RepoPaths.Root, "datasets"), "corpus.yaml", SearchOption.AllDirectories)
            .Select(File.ReadAllText).Append("""
                name: startup
                version: 1.0.0
                license: CC-BY-4.0
                description: One synthetic news page, for the start-up benchmark.
                languages: [id, en, ms]
                sources:
                  warc: [warc/*.warc.gz]
                output:
                  dir: releases
                  compression: zstd
                """).ToList();
        Assert.True(texts.Count >= 2);
        foreach (var text in texts)
        {
            var bound = RecipeBinding.TryBind(RecipeSyntax.Load(text, "corpus.yaml")!);
            Assert.NotNull(bound);
            AssertSame(Oracle.Deserialize<Recipe>(text), bound);
        }
    }

    [Theory]
    [InlineData("crawl.max_pages", "0")]
    [InlineData("crawl.max_pages", "7")]
    [InlineData("crawl.max_pages", "-3")]
    [InlineData("crawl.max_pages", "999999999")]
    [InlineData("crawl.timeout_seconds", "0")]
    [InlineData("crawl.timeout_seconds", "12")]
    [InlineData("crawl.timeout_seconds", "0.25")]
    [InlineData("crawl.timeout_seconds", "-2.5")]
    [InlineData("crawl.timeout_seconds", "3.141592653589793")]
    [InlineData("crawl.timeout_seconds", "0.1")]
    [InlineData("crawl.user_agent", "'quoted: text'")]
    [InlineData("crawl.user_agent", "\"double \\\"quoted\\\"\"")]
    [InlineData("crawl.user_agent", "true")]
    [InlineData("crawl.user_agent", "12")]
    [InlineData("crawl.user_agent", "''")]
    [InlineData("crawl.allowed_hosts", "[a.test, 'b.test', \"c.test\"]")]
    [InlineData("crawl.allowed_hosts", "[]")]
    [InlineData("crawl.resolve", "{a.test: 127.0.0.1, b.test: '10.0.0.1:8080'}")]
    [InlineData("dedup.near", "false")]
    public void Plain_values_are_bound_as_the_deserializer_reads_them(string name, string value)
    {
        var text = Valid + "\n" + Nested(name, value);
        var bound = RecipeBinding.TryBind(RecipeSyntax.Load(text, "corpus.yaml")!);
        Assert.NotNull(bound);
        AssertSame(Oracle.Deserialize<Recipe>(text), bound);
    }

    [Theory]
    [InlineData("crawl.max_pagez", "3")]             // unknown key
    [InlineData("crawl.max_pages", "lots")]          // wrong type
    [InlineData("crawl.max_pages", "0x10")]          // other number forms YAML reads its own way
    [InlineData("crawl.max_pages", "010")]
    [InlineData("crawl.max_pages", "1_000")]
    [InlineData("crawl.max_pages", "+5")]
    [InlineData("crawl.max_pages", "'5'")]
    [InlineData("crawl.max_pages", "9999999999")]
    [InlineData("crawl.timeout_seconds", "1e3")]
    [InlineData("crawl.timeout_seconds", ".5")]
    [InlineData("crawl.timeout_seconds", ".inf")]
    [InlineData("dedup.near", "yes")]
    [InlineData("dedup.near", "True")]
    [InlineData("crawl.user_agent", "")]             // YAML's null
    [InlineData("crawl.user_agent", "~")]
    [InlineData("crawl.user_agent", "!!str 5")]      // a tag
    [InlineData("crawl.user_agent", "&a x")]         // an anchor
    [InlineData("crawl.allowed_hosts", "a.test")]    // a scalar for a list
    [InlineData("crawl.allowed_hosts", "[a, ~]")]
    [InlineData("crawl", "[]")]                      // a section that is not a mapping
    public void Other_shapes_are_left_to_the_deserializer(string name, string value)
    {
        var text = Valid + "\n" + Nested(name, value);
        Assert.Null(RecipeBinding.TryBind(RecipeSyntax.Load(text, "corpus.yaml")!));
    }

    [Theory]
    [InlineData("\ncrawl:\n  max_pagez: 3\n", "corpus.yaml line 6: unknown key 'max_pagez'.")]
    [InlineData("\ncrawl:\n  max_pages: lots\n", "corpus.yaml line 6: 'crawl.max_pages' is 'lots', but it allows a whole number at least 1.")]
    [InlineData("\ncrawl:\n  max_pages: 0\n", "corpus.yaml line 6: 'crawl.max_pages' is 0, but it allows a whole number at least 1.")]
    [InlineData("\ndedup:\n  bands: 2000\n", "corpus.yaml line 6: 'dedup.bands' is 2000, but it allows a whole number from 1 to 1024.")]
    [InlineData("\ndedup:\n  near: yes please\n", "corpus.yaml line 6: 'dedup.near' is 'yes please', but it allows true or false.")]
    [InlineData("\nextraction:\n  focus: all\n", "corpus.yaml line 6: 'extraction.focus' is all, but it allows precision, balanced or recall.")]
    [InlineData("\nannotation:\n  mixed_language_share: 0\n", "corpus.yaml line 6: 'annotation.mixed_language_share' is 0, but it allows a number above 0 and at most 1.")]
    [InlineData("\nversion2: 1\n", "corpus.yaml line 5: unknown key 'version2'.")]
    [InlineData("\ncrawl:\n", "corpus.yaml line 5: 'crawl' has no value; give it one or remove the key.")]
    public void Unknown_keys_wrong_types_and_values_out_of_range_keep_their_messages(string tail, string message)
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(Valid + tail, "corpus.yaml"));
        Assert.Equal(message, e.Message);
    }

    private static string Nested(string name, string value)
    {
        var parts = name.Split('.');
        return string.Join("\n", parts.Select((p, i) => new string(' ', 2 * i) + p + ":" + (i == parts.Length - 1 ? " " + value : ""))) + "\n";
    }

    /// <summary>A value for the key other than its default, as YAML under its sections and as the bound value shows it.</summary>
    private static (string Yaml, object Expected) OtherThanDefault(RecipeKey key)
    {
        var type = key.Property.PropertyType;
        var leaf = key.Name[(key.Name.LastIndexOf('.') + 1)..];
        var sections = key.Name.Split('.')[..^1];
        string Under(string body)
        {
            var skip = sections.Length > 0 && sections[0] == "sources" ? 1 : 0;
            var lines = sections.Skip(skip).Select((s, i) => new string(' ', 2 * i) + s + ":").ToList();
            var indent = new string(' ', 2 * (sections.Length - skip) + (skip == 1 ? 2 : 0));
            var heads = skip == 1 ? "" : string.Join("\n", lines) + (lines.Count > 0 ? "\n" : "");
            return heads + string.Join("\n", body.Split('\n').Select(l => indent + l)) + "\n";
        }
        if (type == typeof(List<string>))
            return (Under($"{leaf}: [one, 'two', \"three\"]"), new List<string> { "one", "two", "three" });
        if (type == typeof(Dictionary<string, string>))
            return (Under($"{leaf}:\n  a.test: 127.0.0.1\n  b.test: '10.0.0.2:8080'"), new Dictionary<string, string> { ["a.test"] = "127.0.0.1", ["b.test"] = "10.0.0.2:8080" });
        if (type == typeof(List<ServedSite>))
            return (Under($"{leaf}:\n  - dir: site\n    host: a.test\n  - host: b.test"), new List<ServedSite> { new() { Dir = "site", Host = "a.test" }, new() { Host = "b.test" } });
        if (type == typeof(bool))
            return (Under($"{leaf}: {((bool)key.Default! ? "false" : "true")}"), !(bool)key.Default!);
        if (type == typeof(string))
        {
            var other = key.Allowed.Contains(" or ", StringComparison.Ordinal)
                ? key.Allowed.Replace(" or ", ", ", StringComparison.Ordinal).Split(", ").First(v => v != (string?)key.Default)
                : "other text";
            return (Under($"{leaf}: {other}"), other);
        }
        var d = Convert.ToDouble(key.Default ?? 0, CultureInfo.InvariantCulture);
        var candidates = new[] { d + 1, d / 2, d - 1 };
        var v = candidates.First(c => c != d && (type == typeof(double) || c == Math.Floor(c)) && key.Allows(type == typeof(int) ? (int)c : c));
        object value = type == typeof(int) ? (int)v : v;
        return (Under($"{leaf}: {RecipeKey.Format(value)}"), value);
    }

    private static void AssertSame(Recipe expected, Recipe actual)
    {
        foreach (var key in RecipeKeys.All)
            Assert.True(Shown(key.ValueIn(expected)) == Shown(key.ValueIn(actual)), $"{key.Name}: {Shown(key.ValueIn(expected))} / {Shown(key.ValueIn(actual))}");
    }

    // Values as text, exactly: doubles by their round-trip form, lists and mappings item by item.
    private static string Shown(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => "'" + s + "'",
        Dictionary<string, string> map => "{" + string.Join(", ", map.Select(kv => kv.Key + ": " + kv.Value)) + "}",
        List<ServedSite> sites => "[" + string.Join(", ", sites.Select(s => (s.Dir + " " + s.Host).Trim())) + "]",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Shown)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
