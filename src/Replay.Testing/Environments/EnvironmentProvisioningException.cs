namespace Replay.Testing.Environments;

/// <summary>An environment could not be provisioned. The message says what failed and carries the target's last log lines.</summary>
public sealed class EnvironmentProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnvironmentProvisioningException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public EnvironmentProvisioningException(string message, Exception innerException) : base(message, innerException) { }
}
