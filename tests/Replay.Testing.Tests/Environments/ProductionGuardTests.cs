using System.Diagnostics;
using System.Net;
using Replay.Testing.Environments;

namespace Replay.Testing.Tests.Environments;

public sealed class ProductionGuardTests
{
    // No real DNS in these tests: names resolve through this table, anything else does not resolve.
    private static Task<IPAddress[]> Table(string host, CancellationToken _) => Task.FromResult(host switch
    {
        "shop.example.com" => [IPAddress.Parse("203.0.113.10")],
        "shop-alias.example.net" => [IPAddress.Parse("203.0.113.10")],
        "staging.example.com" => [IPAddress.Parse("203.0.113.99")],
        _ => Array.Empty<IPAddress>(),
    });

    private static Task Check(string target, params string[] production) =>
        ProductionGuard.CheckAsync(new Uri(target), production, allowProductionTarget: false, TestContext.Current.CancellationToken, Table);

    [Theory]
    [InlineData("https://SHOP.example.com/", "shop.example.com")]
    [InlineData("https://shop.example.com./", "shop.example.com")]
    [InlineData("https://shop.example.com:443/", "shop.example.com")]
    [InlineData("http://shop.example.com:8080/", "https://shop.example.com/")]
    [InlineData("https://shop.example.com/", "Shop.Example.Com.:443")]
    [InlineData("https://xn--bcher-kva.example/", "bücher.example")]
    [InlineData("https://BÜCHER.example./", "xn--bcher-kva.example")]
    public async Task Given_a_target_on_a_production_host_written_differently_when_checked_then_it_is_refused_by_the_same_host_rule(string target, string production)
    {
        var act = () => Check(target, production);

        (await act.Should().ThrowAsync<ReplayConfigurationException>()).WithMessage("Refusing to replay against *rule: same host*AllowProductionTarget*");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/", "localhost")]
    [InlineData("http://localhost:5000/", "127.0.0.1")]
    [InlineData("http://[::1]:5000/", "localhost:8080")]
    [InlineData("http://127.0.0.2/", "[::1]")]
    public async Task Loopback_names_and_literals_are_one_machine(string target, string production)
    {
        var act = () => Check(target, production);

        (await act.Should().ThrowAsync<ReplayConfigurationException>()).WithMessage("*rule: loopback*");
    }

    [Theory]
    [InlineData("https://shop-alias.example.net/")]
    [InlineData("https://203.0.113.10/")]
    public async Task A_target_that_resolves_to_a_production_address_is_refused_by_the_same_address_rule(string target)
    {
        var act = () => Check(target, "shop.example.com");

        (await act.Should().ThrowAsync<ReplayConfigurationException>()).WithMessage("*resolves to 203.0.113.10*shop.example.com*rule: same address*");
    }

    [Theory]
    [InlineData("https://staging.example.com/")]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("https://unresolvable.example.org/")]
    public async Task A_target_on_other_hosts_and_addresses_is_allowed(string target)
    {
        await Check(target, "shop.example.com");
    }

    [Fact]
    public async Task Given_dns_that_never_answers_when_checked_then_the_run_goes_on_within_the_lookup_limit()
    {
        // Given
        static async Task<IPAddress[]> Hangs(string host, CancellationToken _)
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
            return [];
        }

        var clock = Stopwatch.StartNew();

        // When
        await ProductionGuard.CheckAsync(new Uri("https://staging.example.com/"), ["shop.example.com"], false, TestContext.Current.CancellationToken, Hangs);

        // Then
        clock.Elapsed.Should().BeLessThan(ProductionGuard.LookupLimit + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_production_target_is_allowed_when_asked_for_in_code()
    {
        await ProductionGuard.CheckAsync(new Uri("https://shop.example.com/"), ["shop.example.com"], allowProductionTarget: true, TestContext.Current.CancellationToken, Table);
    }
}
