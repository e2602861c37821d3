namespace Replay.Testing.Traffic;

/// <summary>A traffic source could not produce a profile. The message names the input and the fix.</summary>
public sealed class TrafficSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrafficSourceException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public TrafficSourceException(string message, Exception innerException) : base(message, innerException) { }
}
