using System.Reflection;
using ShopApp.Data;
using ShopApp.LoadTests;
using Xunit;

[assembly: AssemblyFixture(typeof(ProductionDatabase))]

namespace ShopApp.LoadTests;

/// <summary>
/// Stands in for the production database a real team would clone: the seeded shop (50,000 products, users with
/// real-looking e-mail addresses, orders), made once in <c>obj/production/shop.db</c>. The replays never touch it:
/// each one runs on a scrubbed clone of it (replay.json, <c>target.database</c>).
/// </summary>
public sealed class ProductionDatabase
{
    public ProductionDatabase()
    {
        string project = typeof(ProductionDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ReplayTesting.ProjectDirectory").Value!;
        Path = System.IO.Path.Combine(project, "obj", "production", "shop.db");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        new ShopSeeder(new ShopDatabase($"Data Source={Path}")).EnsureSeeded();
    }

    public string Path { get; }
}
