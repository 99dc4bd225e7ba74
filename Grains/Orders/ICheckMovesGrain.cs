using Pos.Grains.Commands;

namespace Pos.Grains.Orders;

/// <summary>
/// Commands across orders: move lines, merge, split by lines or seat, carry over. Each is ONE journal transaction
/// over every order it touches (each stream at the version it was decided on); see <see cref="CheckMovesGrain"/>.
/// The answer's <see cref="OrderResult.Order"/> is the order addressed; <see cref="OrderResult.Orders"/> every order
/// the command answers with.
/// </summary>
public interface ICheckMovesGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    Task<OrderResult> MoveLines(Guid fromOrderId, MoveLines command, CommandContext context);

    Task<OrderResult> Merge(Guid intoOrderId, MergeOrder command, CommandContext context);

    Task<OrderResult> Split(Guid orderId, SplitOrder command, CommandContext context);

    Task<OrderResult> CarryOver(Guid orderId, CarryOver command, CommandContext context);
}
