using DuckDB.NET.Data;

namespace Corpus.Tests.Support;

/// <summary>DuckDB as the independent reader of what Corpus writes.</summary>
public static class DuckDb
{
    public static List<Dictionary<string, object?>> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static T Scalar<T>(string sql) => (T)Convert.ChangeType(Query(sql).Single().Values.Single()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A path as a DuckDB string literal.</summary>
    public static string Lit(string path) => "'" + path.Replace("'", "''") + "'";
}
