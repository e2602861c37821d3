using System.Text;
using System.Text.RegularExpressions;

namespace Replay.Testing.Load;

/// <summary>
/// Turns the beginning of a response body into one line a report may show: a clone answers with copies of production
/// data, so values named like secrets, e-mail addresses and long digit or hex runs (card numbers, tokens, hashes) are
/// masked as <c>***</c> before anything is cut or written.
/// </summary>
internal static partial class ResponseBodyRedaction
{
    /// <summary>How many characters of the body an example keeps.</summary>
    public const int ExampleLength = 160;

    // Redacted on more than is shown, so a secret cut by the limit is still recognised as one.
    private const int ScannedBytes = 2048;
    private const string Mask = "***";

    /// <summary>The body's first <see cref="ExampleLength"/> characters, decoded as UTF-8, secrets masked, on one line.</summary>
    public static string Example(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return "";
        }

        string text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, ScannedBytes)]);
        text = Redact(text);
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= ExampleLength ? text : text[..ExampleLength] + "…";
    }

    /// <summary>Masks the values of JSON fields, headers and form fields named like secrets, e-mail addresses, and long digit or hex runs.</summary>
    public static string Redact(string text)
    {
        text = JsonSecretField().Replace(text, m => m.Groups["value"].Value.StartsWith('"') ? $"{m.Groups["name"].Value}\"{Mask}\"" : m.Groups["name"].Value + Mask);
        text = NamedSecretValue().Replace(text, m => m.Groups["name"].Value + Mask);
        text = EmailAddress().Replace(text, Mask);
        text = HexRun().Replace(text, Mask);
        return DigitRun().Replace(text, Mask);
    }

    private const string SecretWords = "token|secret|passw(?:or)?d|key|session|e-?mail|auth|cookie";

    // "apiKey": "abc", "session_token": 123 (a string, or a bare value up to the next separator).
    [GeneratedRegex("(?<name>\"[^\"\\\\]*(?:" + SecretWords + ")[^\"\\\\]*\"\\s*:\\s*)(?<value>\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonSecretField();

    // Authorization: Bearer abc, session=abc; password=abc& (a header line, a cookie or a form field).
    [GeneratedRegex("(?<name>\\b[\\w.-]*(?:" + SecretWords + ")[\\w.-]*\\s*[:=]\\s*)(?!\\*\\*\\*)(?<value>(?:Bearer\\s+|Basic\\s+)?[^\\s&;,\"'<>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedSecretValue();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    // A run of 16 hex digits or more that holds a digit: tokens, hashes, ids (a long word of letters is left alone).
    [GeneratedRegex(@"\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{16,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HexRun();

    // Eight digits or more (account, phone and card numbers), or a card number written in groups of four; a date is left alone.
    [GeneratedRegex(@"\d{8,}|\b\d{4}(?:[ -]\d{4}){2,3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
