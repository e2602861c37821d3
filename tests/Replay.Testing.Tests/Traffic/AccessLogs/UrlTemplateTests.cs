using Replay.Testing.Traffic.AccessLogs;

namespace Replay.Testing.Tests.Traffic.AccessLogs;

public class UrlTemplateTests
{
    [Theory]
    [InlineData("/products/42", "/products/{id}")]
    [InlineData("/users/42/orders/7", "/users/{id}/orders/{id2}")]
    [InlineData("/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301", "/orders/{id}")]
    [InlineData("/blobs/a3f9c2d4e5b6a7980123", "/blobs/{id}")]
    [InlineData("/catalog/lamps", "/catalog/lamps")]
    [InlineData("/v2/api", "/v2/api")]
    [InlineData("/", "/")]
    public void Identifier_segments_become_placeholders(string path, string template) =>
        UrlTemplate.Of(path).Template.Should().Be(template);

    [Fact]
    public void The_concrete_values_are_kept_by_placeholder()
    {
        UrlTemplate.Of("/users/42/orders/7").Values.Select(v => (v.Key, v.Value)).Should().Equal(("id", "42"), ("id2", "7"));
    }

    [Theory]
    [InlineData("/products/LAMP-0042-BLK", "/products/{sku}", "sku", "LAMP-0042-BLK")]
    [InlineData("/products/lamp", "/products/lamp", null, null)]                                   // lower case: not a SKU
    [InlineData("/blog/how-to-fix-a-lamp", "/blog/{slug}", "slug", "how-to-fix-a-lamp")]
    [InlineData("/blog/how-to-fix-a-lamp/comments/42", "/blog/{slug}/comments/{id}", "slug", "how-to-fix-a-lamp")]
    [InlineData("/users/42", "/users/{id}", "id", "42")]                                             // no rule: the automatic one
    public void Configured_rules_are_tried_in_order_before_the_automatic_one(string path, string template, string? name, string? value)
    {
        // Given: a SKU pattern, a slug path pattern, a slug regex for comment pages
        UrlTemplateRule[] rules =
        [
            new("/products/{sku:[A-Z0-9]+(-[A-Z0-9]+){1,3}}"),
            new("regex:^/blog/(?<slug>[a-z0-9-]+)/comments/(?<id>[0-9]+)$"),
            new("/blog/{slug}"),
        ];

        // When
        var (actual, values) = UrlTemplate.Of(path, rules);

        // Then
        actual.Should().Be(template);
        if (name is not null)
        {
            values.Should().Contain(new KeyValuePair<string, string>(name, value!));
        }
    }

    [Theory]
    [InlineData("/products/{sku")]
    [InlineData("/products/sku")]
    [InlineData("regex:^/products/([")]
    public void A_rule_without_a_named_part_or_that_does_not_compile_is_refused(string pattern)
    {
        var act = () => new UrlTemplateRule(pattern);

        act.Should().Throw<ReplayConfigurationException>().WithMessage($"The URL template rule \"{pattern}\"*");
    }
}
