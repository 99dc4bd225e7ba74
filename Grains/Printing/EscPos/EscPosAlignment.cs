namespace Pos.Grains.Printing.EscPos;

/// <summary>Justification selected by ESC a n.</summary>
public enum EscPosAlignment : byte
{
    Left = 0,
    Center = 1,
    Right = 2,
}
