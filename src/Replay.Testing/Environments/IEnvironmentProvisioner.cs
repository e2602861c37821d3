namespace Replay.Testing.Environments;

/// <summary>Provides the environment a replay is aimed at: an existing URL, a local process, a cloud clone.</summary>
public interface IEnvironmentProvisioner
{
    /// <summary>A short description for the run's output, such as "local process ShopApp".</summary>
    string Description { get; }

    /// <summary>
    /// Provisions the environment and waits until it is ready. A half-done provisioning tears down what exists
    /// before the exception propagates.
    /// </summary>
    /// <param name="context">The replay's facts: its run id, and production's figures to match.</param>
    /// <param name="cancellationToken">Stops provisioning; what exists is torn down.</param>
    /// <returns>The environment; disposing it tears it down.</returns>
    Task<TargetEnvironment> ProvisionAsync(ProvisioningContext context, CancellationToken cancellationToken);
}
