using System.Globalization;
using Replay.Testing.Slo;

namespace Replay.Testing.Configuration;

/// <summary>
/// Collects every configuration problem of one replay, each naming the key as the user wrote it (<c>slo.p95</c> in
/// replay.json, or <c>REPLAY__slo__p95</c> when an environment variable set it), so one run reports them all,
/// before any traffic is read or any target provisioned.
/// </summary>
internal sealed class ConfigurationProblems(ConfigurationKeys? keys = null)
{
    private readonly List<string> _problems = [];
    private readonly ConfigurationKeys _keys = keys ?? ConfigurationKeys.None;

    public IReadOnlyList<string> All => _problems;

    /// <summary>The key as the user wrote it, quoted.</summary>
    public string Name(string key) => key.StartsWith('[') ? key : $"\"{_keys.Name(key)}\"";

    /// <summary>Whether the user set the key to null: a default switched off.</summary>
    public bool IsOff(string key) => _keys.IsOff(key);

    public void Add(string problem) => _problems.Add(problem);

    /// <summary>Runs a step; its configuration problems are collected instead of thrown, and it yields the fallback.</summary>
    public T Try<T>(Func<T> step, T fallback)
    {
        try
        {
            return step();
        }
        catch (ReplayConfigurationException e)
        {
            _problems.AddRange(e.Problems);
            return fallback;
        }
    }

    public TimeSpan? Duration(string? text, string key) =>
        string.IsNullOrWhiteSpace(text) ? null : Try<TimeSpan?>(() => SloText.ParseDuration(text, Name(key)), null);

    /// <summary>A share from 0 to 1; a value outside is a problem that says how shares are written.</summary>
    public double? Ratio(double? value, string key)
    {
        if (value is { } v && (v is < 0 or > 1 || double.IsNaN(v)))
        {
            _problems.Add($"{Name(key)} is {v.ToString(CultureInfo.InvariantCulture)}; it is a share from 0 to 1 " +
                $"(write 0.05 for 5 %), so {v.ToString(CultureInfo.InvariantCulture)} is out of range.");
            return null;
        }

        return value;
    }

    /// <summary>A count that cannot be negative.</summary>
    public long? Count(long? value, string key)
    {
        if (value is < 0)
        {
            _problems.Add($"{Name(key)} is {value}; it is a count and cannot be negative.");
            return null;
        }

        return value;
    }

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new ReplayConfigurationException(_problems.Distinct().ToList());
        }
    }
}
