namespace Pos.Appliance.Hosting;

/// <summary>The admin credential: POS_ADMIN_TOKEN, or one generated at first start and kept (mode 0600) in the data folder.</summary>
public static class AdminToken
{
    public static string Resolve(PosSettings settings) =>
        settings.AdminToken ?? KeptToken.ReadOrCreate(Path.Combine(settings.DataDir, "admin-token"));
}
