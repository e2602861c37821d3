using System.Text;
using System.Text.RegularExpressions;

namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// A URL template rule tried before the automatic one (numbers, GUIDs, long hex): a path pattern with named segments,
/// <c>/products/{sku:[A-Z0-9-]+}</c> (a segment without a pattern, <c>{slug}</c>, matches one whole segment), or a
/// regular expression with named groups, prefixed <c>regex:</c> (<c>regex:^/blog/(?&lt;slug&gt;[a-z0-9-]+)$</c>). A path
/// that matches becomes the pattern's template, its named parts placeholders whose values form the pools.
/// </summary>
public sealed partial record UrlTemplateRule
{
    private const string RegexPrefix = "regex:";

    /// <summary>Creates a rule from its text.</summary>
    /// <param name="pattern">A path pattern, or <c>regex:</c> and a regular expression.</param>
    /// <exception cref="ReplayConfigurationException">The pattern is empty, has no named part, or is not a valid expression.</exception>
    public UrlTemplateRule(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        try
        {
            Expression = new Regex(pattern.StartsWith(RegexPrefix, StringComparison.Ordinal) ? pattern[RegexPrefix.Length..] : FromPathPattern(pattern),
                RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ReplayConfigurationException($"The URL template rule \"{pattern}\" is not a valid pattern ({e.Message}). Write it as /products/{{sku:[A-Z0-9-]+}}, or regex: and an expression with named groups.");
        }

        if (Expression.GetGroupNames().All(n => int.TryParse(n, out _)))
        {
            throw new ReplayConfigurationException($"The URL template rule \"{pattern}\" names no part; name the variable ones, as in /products/{{sku}} or (?<sku>[A-Z0-9-]+).");
        }
    }

    /// <summary>The rule as written.</summary>
    public string Pattern { get; }

    internal Regex Expression { get; }

    /// <summary>The template of a path this rule matches, with the values of its named parts in order; false otherwise.</summary>
    internal bool TryApply(string path, out string template, out IReadOnlyList<KeyValuePair<string, string>> values)
    {
        template = path;
        values = [];
        var match = Expression.Match(path);
        if (!match.Success)
        {
            return false;
        }

        var parts = match.Groups.Cast<Group>().Where(g => g.Success && !int.TryParse(g.Name, out _)).OrderBy(g => g.Index).ToList();
        var text = new StringBuilder(path.Length);
        int at = 0;
        foreach (var part in parts.Where(p => p.Index >= 0))
        {
            if (part.Index < at)
            {
                continue;   // nested inside a part already replaced
            }

            text.Append(path, at, part.Index - at).Append('{').Append(part.Name).Append('}');
            at = part.Index + part.Length;
        }

        text.Append(path, at, path.Length - at);
        template = text.ToString();
        values = parts.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList();
        return true;
    }

    // "/products/{sku:[A-Z0-9-]+}" -> ^/products/(?<sku>[A-Z0-9-]+)$; braces inside a segment's pattern nest.
    private static string FromPathPattern(string pattern)
    {
        var regex = new StringBuilder("^");
        for (int i = 0; i < pattern.Length;)
        {
            if (pattern[i] != '{')
            {
                int next = pattern.IndexOf('{', i);
                next = next < 0 ? pattern.Length : next;
                regex.Append(Regex.Escape(pattern[i..next]));
                i = next;
                continue;
            }

            int depth = 0, end = i;
            for (; end < pattern.Length; end++)
            {
                depth += pattern[end] == '{' ? 1 : pattern[end] == '}' ? -1 : 0;
                if (depth == 0)
                {
                    break;
                }
            }

            if (end == pattern.Length)
            {
                throw new ArgumentException("a { is never closed");
            }

            string inner = pattern[(i + 1)..end];
            int colon = inner.IndexOf(':', StringComparison.Ordinal);
            string name = colon < 0 ? inner : inner[..colon];
            regex.Append("(?<").Append(name).Append('>').Append(colon < 0 ? "[^/]+" : inner[(colon + 1)..]).Append(')');
            i = end + 1;
        }

        return regex.Append('$').ToString();
    }
}
