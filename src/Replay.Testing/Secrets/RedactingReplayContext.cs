namespace Replay.Testing.Secrets;

/// <summary>The test framework's context, with every line passed through the run's <see cref="SecretRedactor"/> first.</summary>
internal sealed class RedactingReplayContext(IReplayContext inner, SecretRedactor secrets) : IReplayContext
{
    /// <summary>The run's redactor.</summary>
    public SecretRedactor Secrets => secrets;

    /// <inheritdoc />
    public string ResultsDirectory => inner.ResultsDirectory;

    /// <inheritdoc />
    public void WriteLine(string message) => inner.WriteLine(secrets.Redact(message));
}
