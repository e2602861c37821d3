using System.Reflection;
using NUnit.Framework;
using ShopApp.Data;

namespace ShopApp.LoadTests;

/// <summary>
/// Stands in for the production database a real team would clone: the seeded shop (50,000 products, users with
/// real-looking e-mail addresses, orders), made once in <c>obj/production/shop.db</c>. The replays never touch it:
/// each one runs on a scrubbed clone of it (replay.json, <c>target.database</c>).
/// </summary>
[SetUpFixture]
public sealed class ProductionDatabase
{
    [OneTimeSetUp]
    public void Seed()
    {
        string project = typeof(ProductionDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ReplayTesting.ProjectDirectory").Value!;
        string path = Path.Combine(project, "obj", "production", "shop.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new ShopSeeder(new ShopDatabase($"Data Source={path}")).EnsureSeeded();
    }
}
