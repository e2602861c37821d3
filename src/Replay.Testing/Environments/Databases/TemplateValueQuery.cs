namespace Replay.Testing.Environments.Databases;

/// <summary>Runs <see cref="Plans.ReplayPlanOptions.TemplateQueries"/> on the clone's database.</summary>
internal static class TemplateValueQuery
{
    private const int MaxValues = 10_000;

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> RunAsync(ClonedDatabase? database,
        IReadOnlyDictionary<string, string> queries, CancellationToken cancellationToken)
    {
        if (database is null)
        {
            throw new ReplayConfigurationException(
                "\"plan.templateQueries\" reads template values from the clone's data, but the target has no cloned database. Configure \"target.database\", or give the values in \"plan.templateValues\".");
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        await using var connection = DatabaseCloner.Open(database);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (name, sql) in queries)
        {
            var found = new List<string>();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (found.Count < MaxValues && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!reader.IsDBNull(0))
                    {
                        found.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
                    }
                }
            }
            catch (System.Data.Common.DbException e)
            {
                throw new ReplayConfigurationException($"\"plan.templateQueries.{name}\" failed on the clone ({e.Message}): {sql}");
            }

            if (found.Count == 0)
            {
                throw new ReplayConfigurationException($"\"plan.templateQueries.{name}\" found no values in the clone's data: {sql}");
            }

            values[name] = found;
        }

        return values;
    }
}
