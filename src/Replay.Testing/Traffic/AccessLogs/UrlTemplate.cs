using System.Text;

namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// Turns a concrete path into its template: segments that are identifiers (all digits, a GUID, or 16 or more hex
/// digits) become <c>{id}</c>, <c>{id2}</c>, …, so <c>/users/42/orders/7</c> is <c>/users/{id}/orders/{id2}</c>. The
/// identifiers seen become the template's value pool, so a replay asks for ids production was really asked for.
/// </summary>
internal static class UrlTemplate
{
    /// <summary>The template of a path and the values its placeholders had, in order.</summary>
    public static (string Template, IReadOnlyList<KeyValuePair<string, string>> Values) Of(string path) => Of(path, []);

    /// <summary>The template of a path by the first configured rule that matches it, else by the automatic rule.</summary>
    public static (string Template, IReadOnlyList<KeyValuePair<string, string>> Values) Of(string path, IReadOnlyList<UrlTemplateRule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule.TryApply(path, out string template, out var matched))
            {
                return (template, matched);
            }
        }

        if (!path.Contains('/', StringComparison.Ordinal))
        {
            return (path, []);
        }

        var segments = path.Split('/');
        List<KeyValuePair<string, string>>? values = null;
        for (int i = 0; i < segments.Length; i++)
        {
            if (IsIdentifier(segments[i]))
            {
                values ??= [];
                string name = values.Count == 0 ? "id" : $"id{values.Count + 1}";
                values.Add(new(name, segments[i]));
                segments[i] = "{" + name + "}";
            }
        }

        return values is null ? (path, []) : (string.Join('/', segments), values);
    }

    private static bool IsIdentifier(string segment)
    {
        if (segment.Length == 0)
        {
            return false;
        }

        if (segment.All(char.IsAsciiDigit) || Guid.TryParseExact(segment, "D", out _))
        {
            return true;
        }

        return segment.Length >= 16 && segment.All(char.IsAsciiHexDigit);
    }
}
