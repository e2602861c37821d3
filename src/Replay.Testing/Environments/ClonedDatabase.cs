using System.Text;
using Replay.Testing.Secrets;

namespace Replay.Testing.Environments;

/// <summary>The database a provisioned environment runs on: a clone of production's data, dropped at teardown.</summary>
/// <param name="Provider">The engine: <c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="ConnectionString">How to reach the clone (never production's database).</param>
/// <param name="Name">The clone's name: a file path for SQLite, a database name for PostgreSQL.</param>
public sealed record ClonedDatabase(string Provider, string ConnectionString, string Name)
{
    // A PostgreSQL clone's connection string holds a password; the generated ToString would print it.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider)
            .Append(", ConnectionString = ").Append(SecretRedactor.RedactConnectionString(ConnectionString))
            .Append(", Name = ").Append(Name);
        return true;
    }
}
