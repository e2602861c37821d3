using System.Text;
using Replay.Testing.Secrets;

namespace Replay.Testing.Environments.Databases;

/// <summary>Which database to clone for a local target, and how the target finds its clone.</summary>
/// <param name="Provider"><c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="Source">
/// The database to clone: a SQLite file path or connection string, or a PostgreSQL connection string. It is only
/// read: the clone is made with SQLite's backup API or PostgreSQL's <c>CREATE DATABASE … TEMPLATE</c>.
/// </param>
/// <param name="EnvironmentVariable">The variable that hands the clone's connection string to the target, such as <c>ConnectionStrings__Shop</c>.</param>
public sealed record DatabaseCloneSpec(string Provider, string Source, string EnvironmentVariable)
{
    /// <summary>SQL or code run on the clone before any traffic, in order (for example, replace every e-mail address).</summary>
    public IReadOnlyList<ScrubStep> Scrub { get; init; } = [];

    // A PostgreSQL source holds a password; the generated ToString would print it.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider)
            .Append(", Source = ").Append(SecretRedactor.RedactConnectionString(Source))
            .Append(", EnvironmentVariable = ").Append(EnvironmentVariable)
            .Append(", Scrub = ").Append(Scrub.Count).Append(" steps");
        return true;
    }
}
