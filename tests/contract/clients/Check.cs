namespace Contract.Clients;

/// <summary>A step of a scenario: says what it checked, and stops the scenario when it does not hold.</summary>
public static class Check
{
    public static void That(bool holds, string what)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"does not hold: {what}");
        }
        Console.WriteLine($"  ok: {what}");
    }
}
