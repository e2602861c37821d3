namespace Replay.Testing.Configuration;

/// <summary>
/// Where each configuration key came from: the environment variable that set it, if any, and the keys set to null
/// (a default switched off). Keys are dotted paths, matched case-insensitively: <c>slo.maxErrorRate</c>.
/// </summary>
internal sealed class ConfigurationKeys(IReadOnlyDictionary<string, string> variables, IReadOnlySet<string> nulls)
{
    public static ConfigurationKeys None { get; } = new(new Dictionary<string, string>(), new HashSet<string>());

    /// <summary>The environment variables that set keys, by key path.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; } = variables;

    /// <summary><c>REPLAY__slo__p95</c> when an environment variable set the key; otherwise the key itself.</summary>
    public string Name(string key) => Variables.TryGetValue(key, out var variable) ? variable : key;

    public bool IsOff(string key) => nulls.Contains(key);
}
