using System.Text;
using Replay.Testing;
using Replay.Testing.Reporting;

namespace Replay.Reporting.Json;

/// <summary>Writes the full report as JSON (<c>{test}-result.json</c>): every figure, for tooling and re-rendering.</summary>
public sealed class JsonReporter : IReplayReporter
{
    /// <summary>The default instance.</summary>
    public static JsonReporter Default { get; } = new();

    /// <inheritdoc />
    public string Name => "result";

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ReportAsync(ReplayReport report, ReportContext context, CancellationToken cancellationToken)
    {
        string path = context.PathFor(Name, "json");
        await File.WriteAllTextAsync(path, ReplayReportJson.Serialize(report), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return [path];
    }
}
