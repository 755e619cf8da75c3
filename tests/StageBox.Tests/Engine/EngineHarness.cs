using System.Buffers.Binary;
using StageBox.Engine.Click;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Engine.Transport;
using StageBox.Hal;

namespace StageBox.Tests.Engine;

/// <summary>Builds songs in code and runs the real engine, decoding what it renders back to planar floats.</summary>
internal static class EngineHarness
{
    public const int Rate = 48_000;

    public static TempoMap Map(params TempoChange[] changes) => new(changes);

    public static TempoMap Constant(double tempo, int numerator = 4, int denominator = 4, IReadOnlyList<int>? groups = null) =>
        new([new TempoChange(1, tempo, new Meter(numerator, denominator, groups))]);

    public static PreparedSong Song(
        TempoMap map, int countIn = 0, int? bars = null, PreparedStem[]? stems = null,
        (string Name, int Bar)[]? sections = null, int subdivision = 1, SongEnd end = SongEnd.Stop,
        int[]? clickOutputs = null, float clickGain = 1, string id = "song", PreparedCue[]? cues = null) =>
        new(id, id, Rate, map, countIn, bars, sections ?? [],
            new ClickSetup(clickOutputs ?? [0, 1], clickGain, subdivision, ClickSounds.Synthesize(Rate)),
            stems ?? [], cues ?? [], end);

    public static PreparedStem Stem(string name, Func<long, float> sample, long frames, params int[] outputs) =>
        new(name, Clip(frames, sample), OutputRoute.Map([0], outputs, 1));

    public static AudioClip Clip(long frames, Func<long, float> sample)
    {
        var data = new float[frames];
        for (long i = 0; i < frames; i++) data[i] = sample(i);
        return new MemoryClip([data]);
    }

    public static PlaybackEngine NewEngine(int channels, int periodFrames, params SetlistSlot[] slots) =>
        new(slots, new PcmFormat(Rate, channels, SampleFormat.Float32), periodFrames);

    /// <summary>Renders <paramref name="periods"/> periods and returns them as one float array per channel.</summary>
    public static float[][] Render(PlaybackEngine engine, int periods, Action<int, PlaybackEngine>? beforePeriod = null)
    {
        int channels = engine.Format.Channels;
        var output = new float[channels][];
        for (int c = 0; c < channels; c++) output[c] = new float[periods * engine.PeriodFrames];
        var buffer = new byte[engine.PeriodBytes];
        for (int p = 0; p < periods; p++)
        {
            beforePeriod?.Invoke(p, engine);
            engine.RenderPeriod(buffer);
            for (int f = 0; f < engine.PeriodFrames; f++)
                for (int c = 0; c < channels; c++)
                    output[c][p * engine.PeriodFrames + f] = BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan((f * channels + c) * 4));
        }
        return output;
    }

    /// <summary>Renders a whole song from play until it stops by itself.</summary>
    public static float[][] RenderSong(PreparedSong song, int channels = 2, int periodFrames = 256)
    {
        PlaybackEngine engine = NewEngine(channels, periodFrames, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        int periods = (int)((song.EndFrame - song.StartFrame) / periodFrames) + 2;
        return Render(engine, periods);
    }

    /// <summary>Frames where a click starts: a non-zero sample after at least 16 silent ones.</summary>
    public static List<int> Onsets(float[] channel)
    {
        var onsets = new List<int>();
        int silent = 16;
        for (int i = 0; i < channel.Length; i++)
        {
            if (channel[i] != 0 && silent >= 16) onsets.Add(i);
            silent = channel[i] == 0 ? silent + 1 : 0;
        }
        return onsets;
    }
}
