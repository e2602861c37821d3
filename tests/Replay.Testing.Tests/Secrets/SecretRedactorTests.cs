using Replay.Testing.Secrets;

namespace Replay.Testing.Tests.Secrets;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Every_added_secret_is_masked_wherever_it_appears()
    {
        // Given
        var secrets = new SecretRedactor();
        secrets.Add("api-token-1234");
        secrets.Add("access-abcd");

        // When
        string text = secrets.Redact("Bearer access-abcd refused; api_token=api-token-1234 (api-token-1234)");

        // Then
        text.Should().Be("Bearer *** refused; api_token=*** (***)");
    }

    [Fact]
    public void Given_a_secret_that_contains_another_when_redacted_then_the_longer_is_masked_whole()
    {
        var secrets = new SecretRedactor();
        secrets.Add("abcd");
        secrets.Add("abcdefgh");

        secrets.Redact("x abcdefgh y").Should().Be("x *** y");
    }

    [Fact]
    public void Empty_and_very_short_values_are_not_secrets()
    {
        var secrets = new SecretRedactor();
        secrets.Add(null);
        secrets.Add("");
        secrets.Add("ab");

        secrets.Redact("a b ab").Should().Be("a b ab");
    }

    [Fact]
    public void A_connection_string_password_is_masked_even_when_not_registered()
    {
        var secrets = new SecretRedactor();

        secrets.Redact("Host=db;Username=shop;Password=hunter22;Database=shop").Should().Be("Host=db;Username=shop;Password=***;Database=shop");
    }

    [Fact]
    public async Task The_run_redactor_is_seen_by_code_the_run_awaits_and_not_by_the_caller()
    {
        // Given
        var run = new SecretRedactor();

        // When
        SecretRedactor? seenInside = await Task.Run(async () =>
        {
            await Inside(run);
            return SecretRedactor.Current;
        });

        // Then
        seenInside.Should().BeNull("a run's redactor does not flow back into its caller");
        run.Redact("a token-from-inside").Should().Be("a ***");

        static async Task Inside(SecretRedactor run)
        {
            SecretRedactor.Use(run);
            await Task.Yield();
            SecretRedactor.Current!.Add("token-from-inside");
        }
    }
}
