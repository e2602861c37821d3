using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace ShopApp.Data;

/// <summary>
/// Fills an empty database with a production-sized shop: 50,000 products by default, with stock, reviews, users
/// (with e-mail addresses, which a clone's scrub step replaces) and orders. Deterministic: the same seed gives the
/// same shop, so "production" can be rebuilt anywhere.
/// </summary>
public sealed class ShopSeeder(ShopDatabase database)
{
    public const int DefaultProducts = 50_000;

    /// <summary>Seeds when the database has no products yet; returns whether it did.</summary>
    public bool EnsureSeeded(int products = DefaultProducts, TextWriter? log = null)
    {
        using var connection = database.Open();
        ShopSchema.Create(database, connection);
        if (connection.Scalar<long>("SELECT COUNT(*) FROM products") > 0)
        {
            return false;
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(20260310);
        int users = Math.Max(100, products / 10);
        using (var transaction = connection.BeginTransaction())
        {
            Write(connection, transaction, "categories", ["id", "slug", "name"],
                CatalogNames.Categories.Select((c, i) => new object[] { i + 1, c.Slug, c.Name }));
            Write(connection, transaction, "products", ["id", "category_id", "slug", "name", "price_cents", "description"],
                Enumerable.Range(1, products).Select(i => Product(i, random)));
            Write(connection, transaction, "inventory", ["product_id", "warehouse", "quantity"],
                Enumerable.Range(1, products).SelectMany(i => CatalogNames.Warehouses.Select(w => new object[] { i, w, random.Next(0, 120) })));
            Write(connection, transaction, "product_images", ["product_id", "position", "url"],
                Enumerable.Range(1, products).SelectMany(i => Enumerable.Range(1, random.Next(1, 5)).Select(n => new object[] { i, n, $"/static/img/{i}-{n}.jpg" })));
            Write(connection, transaction, "promotions", ["product_id", "percent_off", "ends_at"],
                Enumerable.Range(1, products).Where(_ => random.Next(10) == 0).Select(i => new object[] { i, random.Next(5, 40), "2026-12-31T23:59:59" }));
            int reviewId = 0;
            Write(connection, transaction, "reviews", ["id", "product_id", "user_id", "rating", "body"],
                Enumerable.Range(1, products).SelectMany(i => Enumerable.Range(0, random.Next(0, 13))
                    .Select(_ => new object[] { ++reviewId, i, random.Next(1, users + 1), random.Next(1, 6), "Does what it says." })));
            Write(connection, transaction, "users", ["id", "name", "email"],
                Enumerable.Range(1, users).Select(i => User(i, random)));
            int orders = products / 2;
            Write(connection, transaction, "orders", ["id", "user_id", "created_at", "total_cents"],
                Enumerable.Range(1, orders).Select(i => new object[] { i, random.Next(1, users + 1), new DateTime(2026, 1, 1).AddMinutes(i * 3).ToString("s"), 0 }));
            Write(connection, transaction, "order_items", ["order_id", "product_id", "quantity", "price_cents"],
                Enumerable.Range(1, orders).SelectMany(o => Enumerable.Range(0, random.Next(1, 4))
                    .Select(_ => new object[] { o, random.Next(1, products + 1), random.Next(1, 3), random.Next(500, 25_000) })));
            transaction.Commit();
        }

        ShopSchema.CreateIndexes(connection);
        if (database.IsPostgreSql)
        {
            // Later orders come from the identity column; start it after the seeded ones.
            connection.Execute("SELECT setval(pg_get_serial_sequence('orders', 'id'), (SELECT MAX(id) FROM orders))");
            connection.Execute("ANALYZE");
        }

        log?.WriteLine($"Seeded {products:N0} products, {users:N0} users and {products / 2:N0} orders into {database.Provider} in {clock.Elapsed.TotalSeconds:0.0} s.");
        return true;
    }

    private static object[] Product(int id, Random random)
    {
        string name = $"{Pick(CatalogNames.Adjectives, random)} {Pick(CatalogNames.Materials, random)} {Pick(CatalogNames.Things, random)}";
        string slug = name.ToLowerInvariant().Replace(' ', '-') + "-" + id;
        return [id, random.Next(1, CatalogNames.Categories.Length + 1), slug, name, random.Next(299, 49_999), $"{name}, made to last. Item {id}."];
    }

    private static object[] User(int id, Random random)
    {
        string first = Pick(CatalogNames.FirstNames, random), last = Pick(CatalogNames.LastNames, random);
        return [id, $"{first} {last}", $"{first}.{last}{id}@example.com".ToLowerInvariant()];
    }

    private static string Pick(string[] words, Random random) => words[random.Next(words.Length)];

    private void Write(DbConnection connection, DbTransaction transaction, string table, string[] columns, IEnumerable<object[]> rows)
    {
        if (connection is NpgsqlConnection postgres)
        {
            // COPY: a row-by-row insert of half a million rows takes a minute on PostgreSQL.
            using var import = postgres.BeginTextImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN");
            foreach (var row in rows)
            {
                import.Write(string.Join('\t', row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!.Replace("\t", " ", StringComparison.Ordinal))) + "\n");
            }

            return;
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        var parameters = columns.Select(c =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = "@" + c;
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        insert.Prepare();
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i];
            }

            insert.ExecuteNonQuery();
        }
    }
}
