using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Replay.Testing.Configuration;

/// <summary>
/// Applies <c>REPLAY__section__key=value</c> environment variables on top of replay.json, the way ASP.NET Core
/// configuration reads <c>__</c>: <c>REPLAY__slo__p95=250ms</c>, <c>REPLAY__target__baseUrl=https://…</c>,
/// <c>REPLAY__plan__seed=3</c>. Keys match case-insensitively; a value that parses as JSON (a number, true, an
/// array) is used as such, anything else as a string. A pipeline can so tighten an SLO or point at another target
/// without editing the file.
/// </summary>
internal static class ReplayEnvironmentOverrides
{
    public const string Prefix = "REPLAY__";

    /// <summary>The overrides that were applied, as <c>slo.p95</c>-style paths, for the run's log.</summary>
    public static IReadOnlyList<string> Apply(JsonObject root, IDictionary environment) => Apply(root, environment, new Dictionary<string, string>());

    /// <summary>Applies the overrides and records, per dotted key path, the variable that set it.</summary>
    public static IReadOnlyList<string> Apply(JsonObject root, IDictionary environment, IDictionary<string, string> variables)
    {
        var applied = new List<string>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || entry.Value is not string value)
            {
                continue;
            }

            string[] path = name[Prefix.Length..].Split("__", StringSplitOptions.RemoveEmptyEntries);
            if (path.Length == 0)
            {
                continue;
            }

            var node = root;
            foreach (string segment in path[..^1])
            {
                string key = ExistingKey(node, segment);
                if (node[key] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[key] = child;
                }

                node = child;
            }

            node[ExistingKey(node, path[^1])] = Value(value);
            applied.Add(string.Join('.', path));
            variables[string.Join('.', path)] = name;
        }

        applied.Sort(StringComparer.Ordinal);
        return applied;
    }

    private static string ExistingKey(JsonObject node, string segment) =>
        node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, segment, StringComparison.OrdinalIgnoreCase)) ?? segment;

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
