using StageBox.App.Session;
using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Sim;
using StageBox.Show;
using StageBox.Show.Model;
using StageBox.Show.Playback;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox render SONG_DIR -o OUT.wav</c>: plays one song, count-in included, through the
/// real engine as fast as possible into a WAV file with one channel per device output: the
/// same samples the box sends to its interface.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(Option<string?> configOption)
    {
        var songFolder = new Argument<string>("SONG_DIR") { Description = "a song folder holding song.yaml" };
        var output = new Option<string>("--output", "-o") { Description = "the WAV file to write", Required = true };
        var rate = new Option<int?>("--rate") { Description = "sample rate in Hz (default: the device's)" };
        var command = new Command("render", "Render a song's click and stems, routed to the device outputs, into a WAV file") { songFolder, output, rate };
        command.SetAction(parse =>
        {
            AudioSettings audio = ConfigurationLoader.Load(parse.GetValue(configOption)).Audio;
            if (parse.GetValue(rate) is int hz) audio.Rate = hz;
            SongDefinition? song = ShowFiles.LoadOrReport(ShowLoader.LoadSong(parse.GetValue(songFolder)!, audio.Channels), Console.Error);
            if (song is null) return 1;
            PreparedSong prepared = new SongPreparer(audio.Rate).Prepare(song);
            string path = parse.GetValue(output)!;
            long frames = Render(prepared, audio, path);
            Console.WriteLine($"{path}: {song.Title}, {(double)frames / audio.Rate:0.000} s ({frames} frames), {audio.PcmFormat}");
            return 0;
        });
        return command;
    }

    /// <summary>Renders the song from the first frame of its count-in to its last; returns the frames written.</summary>
    public static long Render(PreparedSong song, AudioSettings audio, string path)
    {
        var engine = new PlaybackEngine([new SetlistSlot(song, SongEnd.Stop)], audio.PcmFormat, audio.PeriodFrames);
        using var file = new WavFileOutput(path, audio.PcmFormat, audio.PeriodFrames);
        var period = new byte[engine.PeriodBytes];
        engine.Commands.TryEnqueue(TransportCommand.Play);
        long length = song.EndFrame - song.StartFrame;
        while (file.FramesWritten < length)
        {
            engine.RenderPeriod(period);
            int frames = (int)Math.Min(audio.PeriodFrames, length - file.FramesWritten);
            file.Write(period.AsSpan(0, frames * audio.PcmFormat.BytesPerFrame));
        }
        return file.FramesWritten;
    }
}
