namespace Pos.Contracts.Orders;

/// <summary>How the guest gets the food.</summary>
public enum Channel
{
    DineIn,
    Takeout,
    Delivery,
}

/// <summary>How a payment was made.</summary>
public enum Tender
{
    Cash,
    Card,
    Other,
}

/// <summary>What a print of the order for the guest is.</summary>
public enum CheckKind
{
    /// <summary>The bill presented before payment: lines, seats, tax, total and suggested tips.</summary>
    Check,
    /// <summary>The receipt after payment: the check with its payments, tips and change.</summary>
    Receipt,
}

public enum OrderStatus
{
    Open,
    Closed,
}

public enum LineStatus
{
    /// <summary>Entered, not yet sent to the kitchen.</summary>
    Pending,
    /// <summary>Sent to its station.</summary>
    Fired,
    Voided,
}
