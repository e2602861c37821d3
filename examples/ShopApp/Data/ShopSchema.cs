namespace ShopApp.Data;

/// <summary>The shop's tables. The reviews and inventory indexes make each per-product lookup cheap; the outage
/// was the number of lookups, not a missing index.</summary>
internal static class ShopSchema
{
    public static void Create(ShopDatabase database, System.Data.Common.DbConnection connection)
    {
        string id = database.IdentityColumn;
        foreach (string sql in new[]
        {
            "CREATE TABLE IF NOT EXISTS categories (id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, category_id INTEGER NOT NULL, slug TEXT NOT NULL, name TEXT NOT NULL, price_cents INTEGER NOT NULL, description TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS inventory (product_id INTEGER NOT NULL, warehouse TEXT NOT NULL, quantity INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS reviews (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, user_id INTEGER NOT NULL, rating INTEGER NOT NULL, body TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS product_images (product_id INTEGER NOT NULL, position INTEGER NOT NULL, url TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS promotions (product_id INTEGER NOT NULL, percent_off INTEGER NOT NULL, ends_at TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL)",
            $"CREATE TABLE IF NOT EXISTS orders (id {id}, user_id INTEGER NOT NULL, created_at TEXT NOT NULL, total_cents INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS order_items (order_id INTEGER NOT NULL, product_id INTEGER NOT NULL, quantity INTEGER NOT NULL, price_cents INTEGER NOT NULL)",
        })
        {
            connection.Execute(sql);
        }
    }

    public static void CreateIndexes(System.Data.Common.DbConnection connection)
    {
        foreach (string sql in new[]
        {
            "CREATE INDEX IF NOT EXISTS ix_products_category ON products (category_id, id)",
            "CREATE INDEX IF NOT EXISTS ix_inventory_product ON inventory (product_id)",
            "CREATE INDEX IF NOT EXISTS ix_reviews_product ON reviews (product_id)",
            "CREATE INDEX IF NOT EXISTS ix_images_product ON product_images (product_id, position)",
            "CREATE INDEX IF NOT EXISTS ix_promotions_product ON promotions (product_id)",
            "CREATE INDEX IF NOT EXISTS ix_orders_user ON orders (user_id)",
            "CREATE INDEX IF NOT EXISTS ix_order_items_order ON order_items (order_id)",
        })
        {
            connection.Execute(sql);
        }
    }
}
