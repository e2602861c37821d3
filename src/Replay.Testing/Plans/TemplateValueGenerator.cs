using System.Globalization;
using System.Text.RegularExpressions;

namespace Replay.Testing.Plans;

/// <summary>
/// Makes values for a URL template placeholder from the plan's seeded random, for when no list of real values exists
/// (a Prometheus route, an Upsun template): <c>/users/{id}</c> with <see cref="Integers"/> from 1 to 50,000 asks for
/// any of those users. The same seed gives the same values.
/// </summary>
public sealed partial class TemplateValueGenerator
{
    private readonly Func<Random, string> _next;

    private TemplateValueGenerator(string description, Func<Random, string> next)
    {
        Description = description;
        _next = next;
    }

    /// <summary>What the generator makes, as configuration writes it (<c>int:1-50000</c>).</summary>
    public string Description { get; }

    /// <summary>Whole numbers from <paramref name="min"/> to <paramref name="max"/> (both included), evenly.</summary>
    public static TemplateValueGenerator Integers(long min, long max)
    {
        if (max < min || max == long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"The range {min}-{max} is empty or too large; give min <= max < {long.MaxValue}.");
        }

        return new($"int:{min}-{max}", r => r.NextInt64(min, max + 1).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Random (version 4) GUIDs in their usual lower-case form.</summary>
    public static TemplateValueGenerator Guids() => new("uuid", r =>
    {
        Span<byte> bytes = stackalloc byte[16];
        r.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);   // version 4, in Guid's little-endian field layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    });

    /// <summary>Lower-case hexadecimal strings of <paramref name="length"/> digits (hashes, object ids).</summary>
    public static TemplateValueGenerator Hex(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 256);
        return new($"hex:{length}", r =>
        {
            Span<byte> bytes = stackalloc byte[(length + 1) / 2];
            r.NextBytes(bytes);
            return Convert.ToHexString(bytes).ToLowerInvariant()[..length];
        });
    }

    /// <summary>Values from a function of the plan's seeded random; use only that random, or the plan stops being repeatable.</summary>
    public static TemplateValueGenerator Custom(string description, Func<Random, string> next)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(next);
        return new(description, next);
    }

    /// <summary>Reads a generator as configuration writes it: <c>int:MIN-MAX</c>, <c>uuid</c> or <c>hex:LENGTH</c>.</summary>
    /// <param name="spec">The text.</param>
    /// <param name="name">Where the text came from, for the error (<c>plan.templateGenerators.id</c>).</param>
    /// <exception cref="ReplayConfigurationException">The text is none of these.</exception>
    public static TemplateValueGenerator Parse(string spec, string name)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string text = spec.Trim();
        try
        {
            if (text.Equals("uuid", StringComparison.OrdinalIgnoreCase) || text.Equals("guid", StringComparison.OrdinalIgnoreCase))
            {
                return Guids();
            }

            if (IntegerRange().Match(text) is { Success: true } range)
            {
                return Integers(long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture));
            }

            if (HexLength().Match(text) is { Success: true } hex)
            {
                return Hex(int.Parse(hex.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new ReplayConfigurationException($"\"{name}\" is \"{spec}\": {e.Message.Split(" (Parameter", 2)[0]}");
        }

        throw new ReplayConfigurationException(
            $"\"{name}\" is \"{spec}\"; use \"int:MIN-MAX\" (such as \"int:1-50000\"), \"uuid\" or \"hex:LENGTH\" (such as \"hex:24\").");
    }

    /// <summary>The next value.</summary>
    public string Next(Random random) => _next(random);

    /// <inheritdoc />
    public override string ToString() => Description;

    [GeneratedRegex(@"^int:\s*(-?\d+)\s*(?:-|\.\.)\s*(-?\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex IntegerRange();

    [GeneratedRegex(@"^hex:\s*(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex HexLength();
}
