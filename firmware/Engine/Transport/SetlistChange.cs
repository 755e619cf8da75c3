namespace StageBox.Engine.Transport;

/// <summary>
/// A new running order for the engine to take over (a show imported while the box runs), with
/// where each place of the old order lands in the new one, all worked out before the audio
/// thread sees it: taking it over there is a reference swap and an array lookup.
/// </summary>
public sealed class SetlistChange
{
    private readonly int[] _landing;

    public SetlistChange(SetlistSlot[] from, SetlistSlot[] to)
    {
        From = from;
        To = to;
        _landing = Landings(from, to);
    }

    /// <summary>The order the landings were worked out against: the engine's when the change was offered.</summary>
    public SetlistSlot[] From { get; }

    public SetlistSlot[] To { get; }

    /// <summary>
    /// Where the set goes on in <see cref="To"/> from place <paramref name="oldIndex"/> of
    /// <see cref="From"/> (0 to its length, the length meaning past the end): the first song
    /// from there on that the new order also has; -1 when none.
    /// </summary>
    public int LandingOf(int oldIndex) => oldIndex >= 0 && oldIndex < _landing.Length ? _landing[oldIndex] : -1;

    private static int[] Landings(SetlistSlot[] from, SetlistSlot[] to)
    {
        var landing = new int[from.Length + 1];
        landing[from.Length] = -1;
        for (int index = from.Length - 1; index >= 0; index--)
        {
            int found = PlaceInNewOrder(from, index, to);
            landing[index] = found >= 0 ? found : landing[index + 1];
        }
        return landing;
    }

    /// <summary>
    /// The same song in the new order, by its id: a song the set plays twice (a reprise) lands
    /// on the same occurrence, or the new order's last one when it has fewer.
    /// </summary>
    private static int PlaceInNewOrder(SetlistSlot[] from, int index, SetlistSlot[] to)
    {
        string id = from[index].Song.Id;
        int occurrence = from.Take(index).Count(slot => slot.Song.Id == id);
        int[] places = Enumerable.Range(0, to.Length).Where(place => to[place].Song.Id == id).ToArray();
        return places.Length == 0 ? -1 : places[Math.Min(occurrence, places.Length - 1)];
    }
}
