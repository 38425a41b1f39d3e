using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Corpus.Core.Recipes;

namespace Corpus.Parquet.Release;

/// <summary>
/// Sets the version a recipe builds. The recipe text copied into the release is rewritten to the same version, so
/// <c>corpus build releases/X.Y.Z/corpus.yaml</c> rebuilds exactly that release.
/// </summary>
public static partial class RecipeVersion
{
    public static void Set(Recipe recipe, string version)
    {
        if (recipe.Version == version) return;
        var text = VersionLine().IsMatch(recipe.Text)
            ? VersionLine().Replace(recipe.Text, m => $"{m.Groups[1].Value}{version}", 1)
            : $"version: {version}\n{recipe.Text}";
        recipe.Version = version;
        recipe.Text = text;
        recipe.Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    [GeneratedRegex(@"^(version:[ \t]*)[^\s#]+", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
