using StageBox.Engine.Songs;
using StageBox.Hal;

namespace StageBox.Engine.Transport;

/// <summary>
/// Drives a throwaway engine over the same songs through every path of the render loop
/// (start, count-in, quantized jumps, song changes, stop fade), so the JIT has compiled them
/// all before the first downbeat on the real one.
/// </summary>
public static class EngineWarmUp
{
    public static readonly TransportCommand[] Script =
    [
        TransportCommand.Play,
        TransportCommand.NextSection(Quantize.NextBar),
        TransportCommand.LocateSection(0, Quantize.EndOfSection),
        TransportCommand.NextSong,
        TransportCommand.PreviousSong,
        TransportCommand.LocateBar(2),
        TransportCommand.ToggleSectionLoop,
        TransportCommand.ClickLevel(-30),
        TransportCommand.ToggleClickMute,
        TransportCommand.ToggleClickMute,
        TransportCommand.ToggleSectionLoop,
        TransportCommand.Stop,
        TransportCommand.Play,
        TransportCommand.Stop,
    ];

    /// <summary>Runs the script on <paramref name="engine"/>, one command every <paramref name="periodsPerCommand"/> periods, rendering into <paramref name="buffer"/>.</summary>
    public static void Run(PlaybackEngine engine, Span<byte> buffer, int periodsPerCommand, int rounds = 1)
    {
        for (int round = 0; round < rounds; round++)
            foreach (TransportCommand command in Script)
            {
                engine.Commands.TryEnqueue(command);
                for (int p = 0; p < periodsPerCommand; p++) engine.RenderPeriod(buffer);
            }
    }

    public static void Run(IReadOnlyList<SetlistSlot> setlist, PcmFormat format, int periodFrames)
    {
        var engine = new PlaybackEngine(setlist, format, periodFrames);
        var buffer = new byte[periodFrames * format.BytesPerFrame];
        Run(engine, buffer, periodsPerCommand: 200);
        TakeOverSetlist(engine, buffer);
    }

    /// <summary>
    /// A new setlist taken over while stopped and between two songs (the same songs again), so
    /// that path is compiled before a show imported during the gig reaches the audio thread.
    /// </summary>
    public static void TakeOverSetlist(PlaybackEngine engine, Span<byte> buffer)
    {
        engine.Commands.TryEnqueue(TransportCommand.Stop);
        engine.RenderPeriod(buffer);
        engine.OfferSetlist(engine.Setlist);
        engine.RenderPeriod(buffer);
        engine.OfferSetlist(engine.Setlist);
        engine.Commands.TryEnqueue(TransportCommand.Play);
        PreparedSong song = engine.Setlist[engine.Position.Read().SongIndex].Song;
        engine.Commands.TryEnqueue(TransportCommand.LocateBar(song.Beats.Bars[^1]));
        long periodsToTheEnd = (song.EndFrame - song.StartFrame) / engine.PeriodFrames + 2;
        for (long period = 0; period < periodsToTheEnd && engine.SetlistOffered; period++) engine.RenderPeriod(buffer);
        engine.Commands.TryEnqueue(TransportCommand.Stop);
        engine.RenderPeriod(buffer);
    }
}
