namespace Replay.Testing.Environments.Existing;

/// <summary>Uses an environment that already runs at a URL; provisions and tears down nothing.</summary>
public sealed class ExistingEnvironmentProvisioner : IEnvironmentProvisioner
{
    /// <summary>Creates a provisioner for a base URL.</summary>
    /// <exception cref="ReplayConfigurationException">The URL is not an absolute http or https URL.</exception>
    public ExistingEnvironmentProvisioner(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ReplayConfigurationException(
                $"The target base URL \"{baseUrl}\" is not an absolute http or https URL. Write it like \"https://staging.example.com\".");
        }

        BaseAddress = uri;
    }

    /// <summary>The target.</summary>
    public Uri BaseAddress { get; }

    /// <inheritdoc />
    public string Description => $"existing environment at {BaseAddress}";

    /// <inheritdoc />
    public Task<TargetEnvironment> ProvisionAsync(ProvisioningContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new TargetEnvironment(BaseAddress, "existing", Description)
        {
            Parity = [new ParityFact("Resources", "unknown", "unknown", ParityStatus.NotMatched,
                "An existing environment is used as it is; Replay.Testing did not provision it.")],
        });
}
