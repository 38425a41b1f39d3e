namespace Corpus.Parquet.Schema;

/// <summary>How a schema version may follow another (see <c>schemas/README.md</c>).</summary>
public enum SchemaChange
{
    /// <summary>Same columns, or new nullable columns appended at the end: old readers keep working. A new minor version.</summary>
    Minor,
    /// <summary>Anything else (a column removed, renamed, retyped, reordered, made required, or a new required column). A new major version.</summary>
    Major,
}

public static class SchemaCompatibility
{
    public static SchemaChange Classify(SchemaSnapshot older, SchemaSnapshot newer)
    {
        if (newer.Columns.Count < older.Columns.Count) return SchemaChange.Major;
        for (var i = 0; i < older.Columns.Count; i++)
        {
            var (a, b) = (older.Columns[i], newer.Columns[i]);
            // A reworded description is documentation, not layout.
            if (a with { Description = "" } != b with { Description = "" }) return SchemaChange.Major;
        }
        return newer.Columns.Skip(older.Columns.Count).All(c => c.Nullable) ? SchemaChange.Minor : SchemaChange.Major;
    }

    /// <summary>Splits "2" or "2.1" into (major, minor).</summary>
    public static (int Major, int Minor) ParseVersion(string version)
    {
        var parts = version.Split('.');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
