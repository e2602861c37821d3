using Replay.Testing.Configuration;
using Replay.Testing.Environments;
using Replay.Testing.Environments.Databases;
using Replay.Testing.Environments.Upsun;
using Replay.Testing.Traffic.Upsun;

namespace Replay.Testing.Tests.Secrets;

public sealed class SecretHoldingOptionsTests
{
    private const string Token = "tok-RECOGNIZABLE-4242";
    private const string Password = "pw-RECOGNIZABLE-4242";

    public static TheoryData<string, object> SecretHolders => new()
    {
        { nameof(UpsunOptions), new UpsunOptions { ApiToken = Token, ProjectId = "abc" } },
        { nameof(UpsunEnvironmentOptions), new UpsunEnvironmentOptions { Api = new UpsunOptions { ApiToken = Token } } },
        { nameof(ClonedDatabase), new ClonedDatabase("postgresql", $"Host=127.0.0.1;Username=shop;Password={Password};Database=c1", "c1") },
        { nameof(DatabaseCloneSpec), new DatabaseCloneSpec("postgresql", $"Host=127.0.0.1;Password={Password}", "ConnectionStrings__Shop") },
        { nameof(DatabaseSettings), new DatabaseSettings { Provider = "postgresql", Source = $"Host=127.0.0.1;pwd={Password}" } },
    };

    [Theory]
    [MemberData(nameof(SecretHolders))]
    public void An_options_record_that_holds_a_secret_never_prints_it(string type, object options)
    {
        // When
        string text = options.ToString()!;

        // Then
        text.Should().NotContain(Token, type).And.NotContain(Password, type).And.Contain("***", type);
    }

    [Fact]
    public void Upsun_options_still_print_their_other_settings()
    {
        new UpsunOptions { ApiToken = Token, ProjectId = "abc123" }.ToString().Should().Contain("ProjectId = abc123").And.Contain("ApiToken = ***");
        new UpsunOptions().ToString().Should().Contain("ApiToken = (not set)");
    }
}
