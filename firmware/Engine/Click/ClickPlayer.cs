using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;

namespace StageBox.Engine.Click;

/// <summary>
/// Plays a song's click schedule: each click starts its sound on its exact frame, cutting the
/// previous one (a metronome is one voice). Renders into a preallocated mono buffer, then
/// sends it to the click outputs.
/// </summary>
public sealed class ClickPlayer(int maxFrames)
{
    private readonly float[] _voice = new float[maxFrames];
    private float[]? _sound;
    private int _soundPosition;
    private int _next;

    /// <summary>Repositions on the schedule after a start, jump or song change; a sounding click rings on.</summary>
    public void Locate(PreparedSong song, long songFrame) => _next = song.Clicks.FirstAtOrAfter(songFrame);

    /// <summary>Silences the click at once (after a stop).</summary>
    public void Silence() => _sound = null;

    /// <param name="trim">The live click level (the musician's up/down and mute) on top of the song's.</param>
    public void Render(PreparedSong song, long songFrame, int count, MixBus bus, int busOffset, float trim = 1)
    {
        ClickSchedule clicks = song.Clicks;
        Span<float> voice = _voice.AsSpan(0, count);
        voice.Clear();
        int written = 0;
        while (written < count)
        {
            long nextOnset = _next < clicks.Count ? clicks.Frames[_next] - songFrame : long.MaxValue;
            int until = (int)Math.Min(count, nextOnset);
            PlaySound(voice[written..until]);
            written = until;
            if (written < count)
            {
                _sound = song.Click.Sounds.For(clicks.Kinds[_next]);
                _soundPosition = 0;
                _next++;
            }
        }
        foreach (int output in song.Click.Outputs)
            SampleOps.AddScaled(bus.Channel(output, busOffset, count), voice, song.Click.Gain * trim);
    }

    private void PlaySound(Span<float> destination)
    {
        if (_sound is null) return;
        int length = Math.Min(destination.Length, _sound.Length - _soundPosition);
        _sound.AsSpan(_soundPosition, length).CopyTo(destination);
        _soundPosition += length;
        if (_soundPosition == _sound.Length) _sound = null;
    }
}
