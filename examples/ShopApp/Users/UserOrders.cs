using ShopApp.Data;

namespace ShopApp.Users;

/// <summary>A customer's recent orders, for the account page.</summary>
public sealed class UserOrders(ShopDatabase database)
{
    public IReadOnlyList<object> Recent(int userId)
    {
        using var connection = database.Open();
        return connection.Query(
            "SELECT id, created_at, total_cents FROM orders WHERE user_id = @user ORDER BY id DESC LIMIT 10",
            r => (object)new { id = Convert.ToInt64(r.GetValue(0)), createdAt = r.GetString(1), totalCents = Convert.ToInt64(r.GetValue(2)) },
            ("@user", userId));
    }
}
