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
