using System.Text.RegularExpressions;

namespace Replay.Testing.Secrets;

/// <summary>
/// The one place a replay's secrets are known and removed from text: the Upsun API token, the access tokens it is
/// exchanged for, and any credential a later feature adds. Every line of output, failure message and report of a run
/// passes through the run's redactor. Thread-safe; a secret once added stays for the run.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Shorter strings would mask ordinary words of a message; real tokens and passwords are longer.
    private const int ShortestSecret = 4;

    private static readonly AsyncLocal<SecretRedactor?> RunRedactor = new();
    private static readonly Regex ConnectionStringPassword = new(@"(?i)\b(password|pwd)\s*=\s*(""[^""]*""|'[^']*'|[^;]*)", RegexOptions.Compiled);

    private readonly object _gate = new();
    private string[] _secrets = [];

    /// <summary>
    /// The redactor of the replay running in this asynchronous flow, or null outside a replay. Code that learns a
    /// secret (an exchanged access token) adds it here, so the pipeline's output and reports never show it.
    /// </summary>
    public static SecretRedactor? Current => RunRedactor.Value;

    /// <summary>
    /// Makes a redactor the current one for the rest of the calling asynchronous flow (one replay). Call it from an
    /// async method, so the caller's flow keeps its own.
    /// </summary>
    public static void Use(SecretRedactor redactor) => RunRedactor.Value = redactor;

    /// <summary>The run's redactor, or a new private one when no replay is running (a snapshot refresh, a test).</summary>
    public static SecretRedactor CurrentOrNew() => Current ?? new SecretRedactor();

    /// <summary>Remembers a secret; null, empty and very short values are ignored.</summary>
    public void Add(string? secret)
    {
        if (secret is null || secret.Trim().Length < ShortestSecret)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                // Longest first, so a secret that contains another is masked whole.
                _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
            }
        }
    }

    /// <summary>The text with every known secret, and any connection-string password, replaced by <see cref="Mask"/>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (string secret in Volatile.Read(ref _secrets))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return RedactConnectionString(text);
    }

    /// <summary>A connection string (or any text holding one) with its password replaced by <see cref="Mask"/>.</summary>
    public static string RedactConnectionString(string text) => ConnectionStringPassword.Replace(text, "$1=" + Mask);
}
