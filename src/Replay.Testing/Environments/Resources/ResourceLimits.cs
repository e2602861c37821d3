namespace Replay.Testing.Environments.Resources;

/// <summary>The CPU and memory a clone is limited to, to match production's.</summary>
/// <param name="CpuCores">Cores (rounded up to whole cores for affinity), or null for no limit.</param>
/// <param name="MemoryBytes">Memory in bytes, or null for no limit.</param>
public sealed record ResourceLimits(double? CpuCores, long? MemoryBytes)
{
    /// <summary>No limits.</summary>
    public static ResourceLimits None { get; } = new(null, null);

    /// <summary>Reads "2048MiB", "1GiB", "512MB" or a number of bytes.</summary>
    /// <exception cref="ReplayConfigurationException">The text is not a size.</exception>
    public static long ParseMemory(string text, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^([0-9]*\.?[0-9]+)\s*(B|KB|KiB|MB|MiB|GB|GiB)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (match.Success && double.TryParse(match.Groups[1].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
        {
            double factor = match.Groups[2].Value.ToUpperInvariant() switch
            {
                "" or "B" => 1,
                "KB" => 1e3,
                "KIB" => 1024,
                "MB" => 1e6,
                "MIB" => 1048576,
                "GB" => 1e9,
                _ => 1073741824,
            };
            return (long)(value * factor);
        }

        throw new ReplayConfigurationException($"{name} is \"{text}\", which is not a memory size. Write it like \"1GiB\", \"512MiB\" or a number of bytes.");
    }
}
