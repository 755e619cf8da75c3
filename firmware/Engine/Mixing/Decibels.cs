namespace StageBox.Engine.Mixing;

public static class Decibels
{
    public static float ToGain(double decibels) => (float)Math.Pow(10, decibels / 20);
}
