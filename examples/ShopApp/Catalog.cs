using Microsoft.Data.Sqlite;

namespace ShopApp;

/// <summary>The shop's products, in SQLite.</summary>
public sealed class Catalog(string connectionString)
{
    private const int PageSize = 50;

    public void EnsureSeeded(int products)
    {
        using var connection = Open();
        Execute(connection, "CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL)");
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM products";
        if ((long)count.ExecuteScalar()! >= products)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        Execute(connection, "DELETE FROM products");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO products (id, name, price) VALUES ($id, $name, $price)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var price = insert.Parameters.Add("$price", SqliteType.Real);
        for (int i = 1; i <= products; i++)
        {
            id.Value = i;
            name.Value = $"Product {i}";
            price.Value = 5 + (i % 200);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public IReadOnlyList<Product> Page(int page)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, price FROM products ORDER BY id LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", PageSize);
        command.Parameters.AddWithValue("$offset", (Math.Max(page, 1) - 1) * PageSize);
        return Read(command);
    }

    public Product? Product(int id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, price FROM products WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Read(command).FirstOrDefault();
    }

    public IReadOnlyList<Product> Search(string query)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, price FROM products WHERE name LIKE $q ORDER BY id LIMIT 20";
        command.Parameters.AddWithValue("$q", "%" + query + "%");
        return Read(command);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<Product> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var products = new List<Product>();
        while (reader.Read())
        {
            products.Add(new Product(reader.GetInt32(0), reader.GetString(1), reader.GetDouble(2)));
        }

        return products;
    }
}
