using System.Text.Json;
using System.Text.Json.Serialization;
using Replay.Testing;

namespace Replay.Reporting.Json;

/// <summary>Reads and writes a <see cref="ReplayReport"/> as JSON, so a report can be re-rendered later.</summary>
public static class ReplayReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Figures such as NaN must survive the round trip rather than fail the whole report.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes a report as indented JSON.</summary>
    public static string Serialize(ReplayReport report) => JsonSerializer.Serialize(report, Options).ReplaceLineEndings("\n");

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The text is not a report.</exception>
    public static ReplayReport Deserialize(string json) =>
        JsonSerializer.Deserialize<ReplayReport>(json, Options) ?? throw new JsonException("The JSON is null, not a replay report.");
}
